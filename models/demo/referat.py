"""The demo's referat texts: the first meeting's notes consolidated, as a participant reads them."""

from __future__ import annotations

# Meeting key → (kind, question or section key) → text.
REFERAT: dict[str, dict[tuple[str, str], str]] = {
    "sykehuspartner": {
        ("tekst", "A2"): (
            "Sykehuspartner deltok med tjenesteeier for de prehospitale løsningene, leder for "
            "MDM og mobile plattformer, en løsningsarkitekt og en fagrådgiver for ambulanse. "
            "Utvikling og drift ligger i samme organisasjon, mens tjenesteeierne sitter i "
            "helseforetakene."
        ),
        ("tekst", "B2"): (
            "Operativ leder helse bruker i dag Nødnett-terminalen og en vanlig smarttelefon; det "
            "finnes ingen egen innsatslederapp i Helse Sør-Øst. Det ble påpekt at bilder deles på "
            "SMS fordi det ikke finnes noe bedre, og deltakerne ønsker et felles kartbilde."
        ),
        ("tekst", "B3"): (
            "Nødnett-tale og ambulansejournalen ble trukket fram som de mest kritiske tjenestene. "
            "Uten journalen mister akuttmottaket forvarselet, noe som påvirker "
            "pasientbehandlingen. Personalalarmen i psykisk helsevern er vurdert som kritisk "
            "sammen med helseforetakene; hodekamera er foreløpig vurdert som viktig."
        ),
        ("tekst", "B4"): (
            "Ved bortfall av mobildata dokumenterer ambulansepersonellet på papir og "
            "synkroniserer senere, og tale går over Nødnett. Journalen har en frakoblet modus, "
            "men overføringen til mottak stopper. Det finnes ingen reserveløsning for video."
        ),
        ("konklusjon", "B"): (
            "Kritikaliteten til Nødnett-tale og personalalarmen er avklart med operativt miljø.\n"
            "Kritikaliteten til ambulansejournalen og hodekamera er foreløpig og avklares med "
            "AMK."
        ),
        ("tekst", "E2"): (
            "Tale i ambulanse og AMK er fullt avhengig av dagens Nødnett. De mobile "
            "datatjenestene har ingen teknisk avhengighet, men arbeidsflyten forutsetter at "
            "talen virker: når Nødnett er nede, stopper i praksis samhandlingen."
        ),
        ("tekst", "E3"): (
            "Deltakerne ser store muligheter i et nytt nødnett med prioritet i kommersielle "
            "mobilnett, slik at video, journal og tale kan gå på samme bærer i bilen. "
            "Bekymringene gjelder dekning i tunneler og innland, kapasitet ved store hendelser "
            "og kostnadene."
        ),
    },
}
