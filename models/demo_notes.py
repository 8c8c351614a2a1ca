"""The demo journey's notes: per meeting and question, what each of the two note-takers wrote.

Each pair is (first note-taker's text, second note-taker's text) in the order the meeting lists
its note-takers; an empty text means that note-taker wrote nothing on that question. All of it
is invented for demonstration.
"""

from __future__ import annotations

NotePair = tuple[str, str]

SYKEHUSPARTNER: dict[str, NotePair] = {
    "A2": (
        "Trond Eide er tjenesteeier for de prehospitale løsningene og har ansvar for "
        "ambulansejournal, AMK-støtte og mobile enheter i bil. Marte Solberg leder teamet som "
        "forvalter mobile plattformer og MDM for hele regionen. Jonas Bakke er løsningsarkitekt "
        "og deltar i det nasjonale arbeidet med robust mobilt helsenett. Hilde Strand kommer fra "
        "fagmiljøet i ambulansetjenesten og representerer brukerne.",
        "Fire deltakere: tjenesteeier (Trond), MDM/plattform (Marte), arkitekt (Jonas) og "
        "fagrådgiver ambulanse (Hilde). Utvikling og drift sitter i samme organisasjon, mens "
        "fagansvaret ligger hos helseforetakene. Hilde understreket at hun snakker for "
        "ambulansearbeiderne, ikke for AMK.",
    ),
    "B2": (
        "Operativ leder helse bruker i dag først og fremst Nødnett-terminalen og en vanlig "
        "smarttelefon. Det finnes ingen egen app for innsatsleder i Sør-Øst, men flere bruker "
        "kartløsninger og bilder på telefonen uformelt. Felles situasjonsbilde med AMK er "
        "etterspurt og ligger inne som forprosjekt i 2027.",
        "Innsatsleder: Nødnett + privat telefon, ingen dedikert tjeneste. Hilde: «Vi deler bilder "
        "på SMS fordi det ikke finnes noe bedre.» Ønsker felles kartbilde med AMK. Kjenner til at "
        "HEMIT har laget en innsatslederapp – bør sjekkes.",
    ),
    "B3": (
        "Ambulansejournalen og Nødnett-tale ble trukket fram som de mest kritiske. Uten journal "
        "mister akuttmottaket forvarselet, og det påvirker pasientbehandlingen direkte. "
        "Personalalarmen i psykiatrien er kritisk for ansattes sikkerhet. Vurderingene er "
        "foreløpige; Trond vil avklare dem med operativt miljø i AMK før neste møte.",
        "Mest kritisk: Nødnett-tale (avklart), ambulansejournal (foreløpig), personalalarm "
        "psykiatri (avklart med HF-ene). Hodekamera foreløpig vurdert som «viktig», men kan bli "
        "mer kritisk når AMK begynner å bruke video i triage. Følges opp.",
    ),
    "B4": (
        "Ved bortfall av mobildata skriver ambulansepersonellet på papir og synkroniserer senere. "
        "Tale går over Nødnett uansett. Når MDM-tjenesten er nede kan nye enheter ikke rulles ut, "
        "men enheter i drift fungerer videre. Det finnes ingen reserveløsning for video; da må "
        "mannskapet beskrive situasjonen muntlig.",
        "Reserve = papir og Nødnett. Journalen har offline-modus, men overføringen til mottak "
        "stopper. Ingen reserve for video. Personalalarm har faste alarmknapper i rommene som "
        "reserve. Marte: verst er det når flere ting faller ut samtidig i samme område.",
    ),
    "C1": (
        "Ca. 2 300 ambulansearbeidere fordelt på om lag 250 biler bruker ambulansejournalen. "
        "Personalalarmen har rundt 3 000 brukere i psykisk helsevern og rus. Varslingsløsningen "
        "for beredskap når omtrent 25 000 ansatte. AMK-sentralene i regionen bruker video fra "
        "innringer daglig.",
        "Ambulanse ~2 300, psykiatri ~3 000, beredskapsvarsling ~25 000 mottakere. Tallene er "
        "omtrentlige og Marte sender en oversikt over enheter (se oppfølging).",
    ),
    "C4": (
        "Sykehuspartner kjøper inn og eier nettbrett og telefoner på vegne av helseforetakene, "
        "og forvalter dem i en felles MDM-løsning. Utskifting skjer etter fire år, eller tidligere "
        "ved skade. Nødnett-terminalene eies av helseforetakene, men programmeres via HDO.",
        "Enheter: eies av Sykehuspartner, MDM hos Marte sitt team, livsløp fire år. "
        "Nødnett-terminaler er et eget løp via HDO. Utfordring: SIM-kort bestilles separat per "
        "enhet, 2–3 SIM per bil i dag.",
    ),
    "D1": (
        "De fleste tjenestene er leverandørprodukter som tilpasses. Sykehuspartner utvikler selv "
        "integrasjoner mot journal og AMK-systemer. Nasjonale løsninger som KAK og videomotoren "
        "tas i bruk som de er, med regional tilpasning av oppsett og opplæring.",
        "Mest leverandørprodukter + egne integrasjoner. Nasjonale løsninger (KAK, videomotor) "
        "konfigureres regionalt. Jonas mener regionene utvikler for mye hver for seg.",
    ),
    "D2": (
        "Nye tjenester starter normalt som pilot i én ambulansestasjon eller ett AMK-område. "
        "Etter evaluering rulles de ut helseforetak for helseforetak, med superbrukere som lærer "
        "opp kollegene. Hodekamera-piloten følger samme modell fra våren 2027.",
        "Pilot → evaluering → utrulling per HF. Superbrukere på hver stasjon. Opplæring tar tid "
        "fordi ambulansepersonell jobber turnus; e-læring brukes i tillegg.",
    ),
    "D3": (
        "Sykehuspartner drifter tjenestene med servicedesk døgnet rundt for kritiske tjenester "
        "og kontortid for de øvrige. Overvåkingen dekker servere og integrasjoner, men ikke "
        "mobildekningen ute i bilene. Avtalt tjenestenivå for ambulansejournalen er 99,5 prosent "
        "tilgjengelighet.",
        "Servicedesk 24/7 for prehospitale tjenester. SLA journal 99,5 %. Overvåker ikke "
        "mobilnettet – får vite om dekningsproblemer fra brukerne. Jonas: «Vi ser bare vår egen "
        "del av kjeden.»",
    ),
    "D4": (
        "Tjenesteeierne sitter i helseforetakene, mens Sykehuspartner har forvaltningsansvaret. "
        "Endringer går gjennom et felles endringsråd for prehospitale tjenester. Finansieringen "
        "er delt mellom regionale midler og helseforetakenes budsjetter, noe som gjør felles "
        "investeringer som robust mobilt helsenett krevende.",
        "Eierskap hos HF-ene, forvaltning hos Sykehuspartner. Endringsråd prehospitalt. "
        "Finansiering oppleves som uklar for felles infrastruktur i bil.",
    ),
    "D5": (
        "Fjordtek AS leverer ambulansejournalen, Vaktpost Alarm AS personalalarmen og Varde Video "
        "AS videomotoren for hodekamera. Mobilabonnementene går på nasjonal avtale med to "
        "operatører. Avtalen for journalen skal fornyes i 2027.",
        "Leverandører: Fjordtek (journal), Vaktpost (alarm), Varde Video (video), Fjellvidde "
        "(kamera i pilot), to mobiloperatører på nasjonal avtale. Journalavtale fornyes 2027.",
    ),
    "E2": (
        "Tale i ambulanse og AMK er fullt avhengig av Nødnett. Ingen av de mobile datatjenestene "
        "har teknisk avhengighet til Nødnett i dag, men arbeidsflyten forutsetter at mannskapet "
        "kan snakke med AMK samtidig. Medielogg i AMK logger Nødnett-talegruppene.",
        "Tale = full avhengighet. Data = ingen teknisk avhengighet. Medielogg har grensesnitt mot "
        "Nødnett. Hilde: når Nødnett er nede, stopper i praksis alt samvirke med brann og politi.",
    ),
    "E3": (
        "Deltakerne ser store muligheter i et nytt nødnett som gir prioritet i kommersielle "
        "mobilnett. Da kan video, journal og tale gå på samme bærer i bilen. De er bekymret for "
        "dekning i tunneler og i grisgrendte strøk, og for hva som skjer når mange brukere er på "
        "samme sted ved store hendelser.",
        "Muligheter: prioritet og forkjørsrett, én bærer for alt i bil, video til AMK. "
        "Bekymring: dekning (tunneler, innland), kapasitet ved store hendelser, kostnad per SIM. "
        "Jonas vil at kommunikasjonsenheten i bil blir felles nasjonalt.",
    ),
    "E4": (
        "Ambulansejournal, hodekamera, personalalarm og varslingsløsningen bør dokumenteres. "
        "Deltakerne la til at også integrasjonene mot AMK-systemet må med, fordi de er en del av "
        "kjeden selv om de ikke er mobile.",
        "Må med: journal, hodekamera, alarm psykiatri, beredskapsvarsling + integrasjoner mot "
        "AMK. Robust mobilt helsenett må beskrives som plattform, ikke tjeneste.",
    ),
    "E5": (
        "Kravene som ble nevnt var dekning langs alle ambulanseruter, også innendørs i sykehus, "
        "redundans med minst to operatører, kapasitet for video fra flere kameraer samtidig og "
        "sikker tilgang til helsenettet. Samvirke med Sverige er aktuelt i grenseområdene i øst.",
        "Krav: dekning (vei, tunnel, innendørs), to operatører, kapasitet for video, sikkerhet "
        "(helsenett), samvirke på tvers av etater og mot Sverige.",
    ),
    "F2": (
        "Sykehuspartner sender oversikt over enheter i ambulanse, SLA-vedlegget for "
        "ambulansejournalen og arkitekturskissen for kommunikasjonsenheten i bil.",
        "",
    ),
}

NOTES: dict[str, dict[str, NotePair]] = {
    "sykehuspartner": SYKEHUSPARTNER,
    "hemit": {},
    "helse-vest-ikt": {},
    "helse-nord-ikt": {},
    "norsk-helsenett": {},
    "fjordvik-hjemmetjeneste": {},
}
