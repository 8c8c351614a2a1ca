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
        "mobilnett. Da kan video, journal og tale gå på samme bærer i bilen.\n\nDe er bekymret for "
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

HEMIT: dict[str, NotePair] = {
    "A2": (
        "Eirik Moen leder seksjonen for prehospital IKT og har ansvar for utvikling og "
        "forvaltning av løsningene for AMK og ambulanse i Midt-Norge. Lise Aune er "
        "driftsansvarlig for de mobile tjenestene og har kontakten med mobiloperatørene. "
        "Anders Vik er utvikler i teamet som lager innsatslederappen. Fagmiljøet i AMK var "
        "invitert, men hadde ikke anledning til å delta denne gangen.",
        "Eirik (seksjonsleder, utvikling + forvaltning), Lise (drift mobile tjenester, "
        "operatørkontakt), Anders (utvikler innsatslederapp). AMK-fag manglet – bør få et eget "
        "kort møte eller skriftlige innspill.",
    ),
    "B2": (
        "HEMIT har utviklet en egen innsatslederapp som gir operativ leder helse oversikt over "
        "ressurser, pasienter og logg på skadestedet. Appen er testet på to større øvelser og "
        "skal i pilot i 2027. I tillegg bruker innsatslederne Nødnett-terminal og smarttelefon "
        "med kart. Anders viste skjermbilder under møtet.",
        "Innsatslederapp (egenutviklet) – demo i møtet, så lovende ut. Henter ressursstatus fra "
        "Nødnett-statusmeldinger. Ellers Nødnett + telefon. Registrering av skadde ved "
        "masseskade er neste behov.",
    ),
    "B3": (
        "Deltakerne vurderer Nødnett-tale og flåtestyringen som de mest kritiske tjenestene, "
        "fordi AMK bruker posisjonene til å velge nærmeste ressurs. DECT og personsøkere for "
        "akutteam er oppdragskritiske inne i sykehuset, men er under utfasing. Vurderingene av "
        "de nye tjenestene er foreløpige og ikke avklart med AMK.",
        "Kritisk: Nødnett-tale (avklart), flåtestyring (foreløpig), personsøker akutteam "
        "(avklart, utfases). Lifex mobil vurderes som oppdragskritisk når den er i full drift, "
        "men det er foreløpig. Eirik: «Alt som påvirker valg av ressurs er kritisk.»",
    ),
    "B4": (
        "Når mobilnettet faller ut sendes posisjon som statusmelding over Nødnett, men med "
        "lavere oppdateringsfrekvens. Faller Nødnett ut, brukes mobiltelefon for tale mellom "
        "AMK og bil. For personsøkerne i sykehus finnes høyttaleranlegg og fasttelefon som "
        "reserve. Innsatslederappen har lokal lagring og synkroniserer når nettet kommer tilbake.",
        "Reserve: posisjon via Nødnett-status, tale via mobil, høyttaler i sykehus. "
        "Innsatslederapp virker offline. Lise: reserveløsningene testes sjelden i praksis.",
    ),
    "C1": (
        "Rundt 110 ambulanser og to AMK-sentraler bruker flåtestyringen. Om lag 60 operative "
        "ledere skal få innsatslederappen. Pilotene med Lifex mobil omfatter ca. 120 "
        "ambulansearbeidere i Trøndelag. I sykehusene er det ca. 4 500 DECT-telefoner og "
        "personsøkere.",
        "~110 biler, 2 AMK, ~60 innsatsledere, ~120 i Lifex-pilot, ~4 500 DECT/personsøkere. "
        "Lise sender nøyaktige tall.",
    ),
    "C4": (
        "HEMIT kjøper inn og forvalter nettbrett og telefoner for ambulansetjenesten og bruker "
        "en felles MDM-løsning for alle mobile enheter i regionen. Kjøretøymonterte rutere eies "
        "av ambulansetjenesten og vedlikeholdes av en ekstern leverandør. Utskifting skjer "
        "samlet hvert fjerde år.",
        "HEMIT eier nettbrett/telefoner, felles MDM. Rutere i bil eies av ambulansetjenesten, "
        "service hos Polarlink. Fireårig utskifting, neste runde 2028.",
    ),
    "D1": (
        "HEMIT utvikler en del selv, blant annet innsatslederappen og integrasjoner mot "
        "AMK-systemet. Flåtestyringen er et leverandørprodukt fra Polarlink AS. KAK-klienten "
        "kommer som nasjonal løsning fra HDO, og HEMIT bidrar med testing i piloten.",
        "Egenutvikling: innsatslederapp, integrasjoner. Leverandør: flåtestyring. Nasjonalt: "
        "KAK/Lifex. Anders: egenutvikling gir fart, men blir sårbart med få utviklere.",
    ),
    "D2": (
        "Innføring skjer gjennom piloter på øvelser og i avgrensede områder før bred utrulling. "
        "Opplæring gjøres av superbrukere på stasjonene, støttet av korte videoer. For "
        "innsatslederappen vil HEMIT bruke de årlige øvelsene som arena for opplæring.",
        "Pilot på øvelser → avgrenset område → regionalt. Superbrukere + video. Innsatsledere "
        "trenes på øvelser.",
    ),
    "D3": (
        "HEMIT drifter tjenestene med vakt døgnet rundt for prehospitale systemer. Servicedesken "
        "har kontortid, men kritiske feil går direkte til vakt. Det er avtalt 99,7 prosent "
        "tilgjengelighet for flåtestyringen. Mobilnettet overvåkes ikke av HEMIT.",
        "Døgnvakt for prehospitale systemer, servicedesk kontortid. SLA flåtestyring 99,7 %. "
        "Ingen overvåking av mobildekning – ønsker data fra operatørene.",
    ),
    "D4": (
        "Forvaltningen ligger i HEMIT med tjenesteeiere i helseforetakene. Endringer meldes i "
        "et felles forum for prehospitale tjenester. Finansiering av nye mobile løsninger skjer "
        "ofte gjennom prosjektmidler, og overgangen til varig drift er ikke alltid planlagt.",
        "Forvaltning HEMIT, eierskap HF. Prosjektmidler → uklar varig finansiering. Eirik "
        "etterlyser nasjonal finansiering for felles infrastruktur.",
    ),
    "D5": (
        "Polarlink AS leverer flåtestyringen og servicen på rutere i bil. Nordlys Kommunikasjon "
        "AS leverer KAK-løsningen via HDO. Mobilabonnementene går på den nasjonale avtalen, og "
        "avtalen om DECT og personsøkere løper ut i 2028.",
        "Leverandører og avtaler:\n"
        "- Polarlink AS: flåtestyring og service på rutere i bil\n"
        "- Nordlys Kommunikasjon AS (via HDO): KAK / Lifex\n"
        "- nasjonal mobilavtale med to operatører\n"
        "- sykehustelefoni: avtalen løper ut i 2028",
    ),
    "E2": (
        "Flåtestyringen bruker Nødnett som reservebærer for posisjon. Innsatslederappen henter "
        "ressursstatus fra Nødnett-statusmeldinger. Akuttmottaket tar imot forvarsel over "
        "Nødnett og kaller ut team med personsøker, så kjeden henger sammen på tvers av "
        "systemene.",
        "Delvis avhengighet: flåtestyring (reserve), innsatslederapp (status), akuttmottak "
        "(forvarsel). Full avhengighet for tale.",
    ),
    "E3": (
        "HEMIT ser nytt nødnett som en mulighet til å samle tale og data på samme bærer og få "
        "prioritet i kommersielle nett. Deltakerne er opptatt av at dekningen langs E6 og "
        "fylkesveiene må være minst like god som i dagens Nødnett. De ønsker felles standarder "
        "for posisjon og status, slik at egenutviklede løsninger kan kobles på.",
        "Muligheter: én bærer, prioritet, felles formater for posisjon/status. Bekymring: "
        "dekning langs E6 og fylkesveier, særlig i innlandet. Lise deler dekningskart.",
    ),
    "E4": (
        "Flåtestyringen, innsatslederappen og løsningen for registrering av skadde ved "
        "masseskadehendelser bør med i planleggingen. Nødnett i sykehus (innendørs dekning) må "
        "også utredes, siden personsøkerne skal erstattes.",
        "Må med: flåtestyring, innsatslederapp, masseskade-registrering, innendørs dekning i "
        "sykehus.",
    ),
    "E5": (
        "Krav som ble nevnt: dekning langs alle veier og innendørs i sykehus, kort oppsettstid "
        "for gruppesamtaler, kapasitet ved store hendelser og sikker tilgang til helsenettet. "
        "Samvirke med politi og brann på skadestedet må være enkelt.",
        "Dekning (vei + innendørs), gruppesamtale raskt, kapasitet ved masseskade, sikkerhet, "
        "enkelt samvirke på skadestedet.",
    ),
    "F2": (
        "HEMIT sender skjermbilder av innsatslederappen, dekningskart og oversikt over enheter.",
        "Skjermbilder (Anders), dekningskart (Lise), enhetsoversikt (Lise).",
    ),
}

# Ola Hansen took the first set of notes in Bergen; Kari Nordmann the second.
HELSE_VEST_IKT: dict[str, NotePair] = {
    "A2": (
        "Ragnhild (tjenesteforvalter ambulanse og AMK), Sindre (nettverksarkitekt), Torill "
        "(leder servicedesk). Dekker forvaltning, nett og drift – ikke utvikling, som i stor "
        "grad ligger hos leverandørene.",
        "Ragnhild Dale forvalter tjenestene for ambulanse og AMK i regionen. Sindre Haugland er "
        "nettverksarkitekt og har ansvaret for mobil tilkobling og privat APN. Torill Myklebust "
        "leder servicedesken som tar imot feil fra ambulanse og legevakt. Utvikling gjøres "
        "hovedsakelig av leverandørene.",
    ),
    "B2": (
        "Ingen egen innsatslederløsning i Vest. Innsatsledere bruker Nødnett, telefon og "
        "«det de har på bilen». Interesse for HEMITs app.",
        "Operativ leder helse har ingen egen digital tjeneste i Helse Vest. De bruker "
        "Nødnett-terminalen og smarttelefon, og noen har nettbrett med journaltilgang. "
        "Deltakerne var interessert i å se hva HEMIT har utviklet, og i en nasjonal løsning.",
    ),
    "B3": (
        "EKG-overføring = oppdragskritisk (avklart med kardiologene). Nødnett-tale = "
        "oppdragskritisk. Legevakt mobilklient «viktig», MDM «viktig» (foreløpig).",
        "EKG-overføring fra ambulanse ble beskrevet som oppdragskritisk, fordi beslutningen om "
        "direkte PCI tas på grunnlag av EKG-en. Dette er avklart med kardiologisk avdeling. "
        "Nødnett-tale er oppdragskritisk. MDM og legevaktklienten ble vurdert som viktige, men "
        "den vurderingen er foreløpig.",
    ),
    "B4": (
        "EKG: bilde av utskrift sendt på telefon (!) som nødløsning. Legevakt: ring "
        "legevaktsentralen. Torill: mange saker i servicedesken handler egentlig om dekning.",
        "Når EKG-overføringen svikter, tar mannskapet noen ganger bilde av EKG-utskriften og "
        "sender det med telefonen, noe som ikke er en god løsning med tanke på "
        "informasjonssikkerhet. Legevaktlegene ringer legevaktsentralen ved bortfall. Torill "
        "fortalte at mange feilmeldinger fra bilene egentlig skyldes dårlig dekning.",
    ),
    "C1": (
        "~180 ambulanser, 2 ambulansebåter, ~400 legevaktleger, 1 600 enheter i MDM.",
        "Om lag 180 ambulanser bruker EKG-overføring og journal, og rundt 400 leger bruker "
        "legevaktklienten. MDM-løsningen har omtrent 1 600 prehospitale enheter. To "
        "ambulansebåter i regionen bruker sambandsløsningen fra Helse Nord.",
    ),
    "C4": (
        "Helse Vest IKT eier enhetene, MDM for alle. Utskifting hvert 3.–4. år. SIM bestilles "
        "via nasjonal avtale.",
        "Helse Vest IKT kjøper inn og eier nettbrett og telefoner, og alle prehospitale enheter "
        "er innrullert i MDM. Enhetene byttes etter tre til fire år. Sindre ønsker en felles "
        "MDM-profil for ambulanse på tvers av regionene, slik at enheter kan flyttes mellom "
        "helseforetak.",
    ),
    "D1": (
        "Leverandørprodukter + integrasjon. Lite egenutvikling. Nasjonale løsninger der de finnes.",
        "Helse Vest IKT utvikler lite selv og bygger i hovedsak på leverandørprodukter med "
        "egne integrasjoner. Nasjonale løsninger tas i bruk der de finnes, og regionen vil "
        "heller vente på KAK enn å lage noe eget.",
    ),
    "D2": (
        "Pilot på én stasjon, så utrulling. Opplæring via fagutviklere i ambulansetjenesten.",
        "Nye tjenester piloteres på én ambulansestasjon før de rulles ut. Fagutviklerne i "
        "ambulansetjenesten har ansvar for opplæringen, og Helse Vest IKT bidrar med "
        "brukerveiledninger og oppsett i MDM.",
    ),
    "D3": (
        "Servicedesk 24/7 for prehospitalt. Overvåker APN-trafikk, ikke dekning. SLA-vedlegg "
        "ettersendes.",
        "Servicedesken har døgnåpent for prehospitale tjenester. Helse Vest IKT overvåker "
        "trafikken på privat APN og serverne, men ikke mobildekningen. Torill sender "
        "SLA-vedlegget som beskriver avtalt tjenestenivå.",
    ),
    "D4": (
        "Tjenesteeiere i HF-ene, forvaltning i Helse Vest IKT. Kommunene er medeiere for "
        "legevaktklienten – krevende.",
        "Eierskapet ligger i helseforetakene, mens Helse Vest IKT forvalter. For "
        "legevaktklienten er kommunene med i forvaltningen, og det gjør endringer tregere "
        "fordi mange parter må enes.",
    ),
    "D5": (
        "Fjordtek (legevaktklient), medisinteknisk leverandør (EKG), MDM via nasjonal avtale, "
        "to mobiloperatører.",
        "Fjordtek AS leverer legevaktklienten, og EKG-overføringen kommer fra leverandøren av "
        "defibrillatorer under en rammeavtale. MDM er kjøpt via nasjonal avtale, og SIM-kortene "
        "går på den nasjonale mobilavtalen.",
    ),
    "E2": (
        "Tale = full avhengighet. EKG-samtale med kardiolog ofte over Nødnett. Ingen datatjenester "
        "avhengige av Nødnett.",
        "Tale mellom ambulanse, AMK og legevakt er fullt avhengig av Nødnett. Samtalen med "
        "kardiolog om EKG går ofte over Nødnett, mens selve overføringen går på mobilnett. Ingen "
        "av datatjenestene bruker Nødnett.",
    ),
    "E3": (
        "Vil ha prioritet for EKG-data. Bekymret for fjorder og tunneler. Ser mulighet for "
        "felles kommunikasjonsenhet i bil.",
        "Deltakerne ønsker at EKG-overføring og annen pasientkritisk data får prioritet i nytt "
        "nødnett. De er bekymret for dekning i fjordene og i lange tunneler. Sindre ser en felles "
        "kommunikasjonsenhet i bilen som den viktigste muligheten, og ønsker å pilotere den i "
        "Sogn.",
    ),
    "E4": (
        "Må med: EKG-overføring, legevaktklient. MDM som forutsetning for nye enheter. "
        "Ragnhild nevnte også ambulansebåtene.",
        "EKG-overføringen og legevaktklienten må dokumenteres, og MDM bør beskrives som en "
        "forutsetning for at nye enheter kan tas i bruk raskt.",
    ),
    "E5": (
        "Dekning i fjorder/tunneler, to operatører, samvirke med kommunene, sikkerhet for "
        "pasientdata.",
        "Kravene som ble trukket fram var dekning i fjorder og tunneler, redundans med to "
        "operatører, sikker overføring av pasientdata og samvirke med kommunale legevakter og "
        "de andre nødetatene.",
    ),
    "F2": (
        "Ettersendes: SLA-vedlegg (Torill). Skriftlig bekreftelse på EKG-kritikalitet (Ragnhild).",
        "Torill sender SLA-vedlegget. Ragnhild bekrefter vurderingen av EKG-overføring skriftlig.",
    ),
}

# Ingrid Berg took Ola Hansen's place as second note-taker in this meeting. E5 was skipped.
HELSE_NORD_IKT: dict[str, NotePair] = {
    "A2": (
        "Nils Johansen leder avdelingen for prehospitale systemer og har ansvar for både "
        "utvikling og forvaltning. Mette Karlsen er rådgiver for ambulansebåt og luftambulanse "
        "og kjenner behovene til sjøs og i lufta. Bjørn Pedersen er driftstekniker for radio og "
        "samband og har lang erfaring med Nødnett i distriktet.",
        "Deltakerne dekket prehospitale systemer (Nils), båt og luftambulanse (Mette) og radio "
        "og samband (Bjørn). Fagpersoner fra AMK Nord-Norge hadde meldt forfall. Bjørn har "
        "vært med siden Nødnett ble bygget ut i regionen.",
    ),
    "B2": (
        "Operativ leder helse bruker Nødnett-terminal og telefon. I Nord-Norge er innsatsleder "
        "ofte første ambulanse på stedet, og da er det ikke tid til egne apper. Deltakerne "
        "ønsker likevel et enkelt situasjonsbilde som også AMK ser.",
        "Innsatsleder: Nødnett og telefon. Ofte er første bil innsatsleder i distriktet. Mette: "
        "ved ulykker til sjøs koordinerer redningssentralen, og helse må kunne snakke med dem.",
    ),
    "B3": (
        "Den mobile oppdragsterminalen i ambulanse er oppdragskritisk, fordi avstandene er store "
        "og adressen må være riktig første gang. Sambandsløsningen på ambulansebåtene er "
        "oppdragskritisk til sjøs. Vurderingene er foreløpige og skal avklares med AMK.",
        "Oppdragsterminal og båtsamband vurderes som oppdragskritiske (foreløpig). Nødnett-tale "
        "er oppdragskritisk (avklart). Satellittelefon er reserve og vurderes som «lav», men "
        "Bjørn mener den er undervurdert.",
    ),
    "B4": (
        "Faller mobilnettet ut, sendes oppdrag og status over tale i Nødnett. Faller begge ut, "
        "bruker stasjonene satellittelefon. På båtene brukes maritim VHF og satellitt. Bjørn "
        "fortalte om en hendelse der et strømbrudd tok ut både mobilnett og Nødnett i en hel "
        "dal i flere timer.",
        "Reserve i tre lag: Nødnett-tale → satellittelefon → VHF/kurér. Strømbrudd tar ofte "
        "ut både mobil og Nødnett samtidig fordi masteene står på samme sted. Reservestrøm "
        "varer for kort i distriktet.",
    ),
    "C1": (
        "Om lag 95 ambulanser bruker oppdragsterminalen, og ca. 20 biler har fortsatt den eldre "
        "3G-terminalen. 14 ambulansebåter har sambandsløsningen, og rundt 200 personer i "
        "luftambulansen skal få oppdragsappen.",
        "~95 biler med ny terminal, ~20 med gammel (3G), 14 båter, ~200 i luftambulansen, ~70 "
        "satellittelefoner. Tall fra Nils, omtrentlige.",
    ),
    "C4": (
        "Helse Nord IKT eier og forvalter nettbrett, telefoner og rutere, med felles MDM. "
        "Satellittelefonene forvaltes av ambulansetjenesten selv. Utskifting av de siste "
        "3G-terminalene må skje før nyttår.",
        "Enheter eies av Helse Nord IKT, MDM felles. Satellittelefoner hos ambulansetjenesten. "
        "3G-terminalene må ut i løpet av desember – leveransen av nye enheter er forsinket.",
    ),
    "D1": (
        "Helse Nord IKT bruker leverandørprodukter for oppdragsterminalen og sambandet på båtene, "
        "og utvikler videoløsningen fra ambulanse til lege sammen med Varde Video AS. De ønsker "
        "å være pilotregion for push-to-talk over mobilnett.",
        "Leverandør (Polarlink, Kystlinje), felles utvikling av video med Varde. Vil pilotere "
        "PTT over mobilnett med DSB.",
    ),
    "D2": (
        "Innføring skjer stasjon for stasjon, og det tar tid fordi stasjonene ligger langt fra "
        "hverandre. Opplæring gjøres delvis digitalt. Videopiloten starter i Finnmark og "
        "Nordland.",
        "Utrulling per stasjon, lang reisetid for opplæring, derfor mye e-læring. Pilot video i "
        "Finnmark og Nordland fra 2027.",
    ),
    "D3": (
        "Helse Nord IKT har døgnvakt for prehospitale tjenester. Overvåkingen omfatter "
        "serverne og rutere i bil, som rapporterer signalstyrke. Dette gir et grovt bilde av "
        "dekningen langs rutene.",
        "Døgnvakt. Ruterne i bil rapporterer signalstyrke – eneste region som har data om "
        "dekning langs rutene. Bjørn sender liste over dekningshull.",
    ),
    "D4": (
        "Forvaltningen ligger i Helse Nord IKT, med tjenesteeiere i helseforetakene og "
        "luftambulansetjenesten. Finansieringen av satellittløsningene er en utfordring fordi "
        "trafikken er dyr.",
        "",
    ),
    "D5": (
        "Polarlink AS leverer oppdragsterminalen, Kystlinje Nett AS sambandet på båtene, og en "
        "satellittoperatør leverer satellittkapasitet. Varde Video AS er med i videopiloten.",
        "Polarlink, Kystlinje Nett, satellittoperatør, Varde Video. Mobilavtale nasjonal. "
        "Ingen aktiv avtale for de gamle 3G-terminalene.",
    ),
    "E2": (
        "Tale er fullt avhengig av Nødnett, og både oppdragsterminalen og båtsambandet bruker "
        "Nødnett som reserve for status og tale. Dekningshull i fjellovergangene rammer begge "
        "nettene.",
        "Full avhengighet for tale, delvis for status (oppdragsterminal) og båt. Dekningshull i "
        "fjellovergangene gjelder både Nødnett og mobil.",
    ),
    "E3": (
        "Deltakerne er bekymret for at et nytt nødnett basert på kommersielle mobilnett gir "
        "dårligere dekning i distriktet enn dagens Nødnett. De ser muligheter i satellitt som "
        "tredje bærer og i push-to-talk over mobilnett, men krever dekning langs vei og til "
        "sjøs før dagens Nødnett slås av.",
        "Hovedbekymring: dekning i distrikt og til sjøs. Mulighet: satellitt (lavbane) som "
        "tredje bærer, PTT over mobil. Nils: «Nødnett kan ikke slås av før det nye virker der "
        "vi kjører.»",
    ),
    "E4": (
        "Oppdragsterminalen, båtsambandet, videoløsningen og satellittelefonene som reserve må "
        "dokumenteres. Luftambulansens behov for luft-til-bakke-dekning må også med.",
        "Må med: oppdragsterminal, båtsamband, video fra ambulanse, satellitt som reserve, "
        "luftambulanse (luft-til-bakke).",
    ),
    "F2": (
        "",
        "Ettersendes: liste over dekningshull (Bjørn), svar på E5 skriftlig (Nils), oversikt "
        "over sambandsutstyr på båtene (Mette).",
    ),
}

# Ola Hansen took the first set of notes; C4 was marked «ikke relevant» (no end devices).
NORSK_HELSENETT: dict[str, NotePair] = {
    "A2": (
        "NHN: Camilla (produktleder mobilt helsenett), Henrik (arkitekt video). HDO: Lars "
        "(Nødnett-terminaler), Kristin (video og medielogg). Nasjonale plattformer, ikke "
        "sluttbrukertjenester.",
        "Fra Norsk Helsenett deltok Camilla Lie, som er produktleder for mobilt helsenett, og "
        "Henrik Dahl, som er arkitekt for video og samhandling. Fra HDO deltok Lars Brekke "
        "(Nødnett-terminaler) og Kristin Holm (video og medielogg). Begge virksomhetene leverer "
        "nasjonale plattformer som regionene bygger på.",
    ),
    "B2": (
        "Ingen egne innsatsledertjenester hos NHN/HDO. Videomotoren kan ta imot video fra "
        "innsatsleder hvis regionene vil.",
        "Verken NHN eller HDO har egne tjenester for innsatsledere, men den nasjonale "
        "videomotoren kan ta imot video fra skadested. Kristin pekte på at hodekameraene kan "
        "gi innsatsleder og AMK samme bilde.",
    ),
    "B3": (
        "Mest kritisk: Nødnett-terminaler, reservetelefoni AMK (begge avklart). Privat APN og "
        "videomotor virksomhetskritiske (avklart). KAK/LifeX oppdragskritisk (foreløpig).",
        "HDO vurderer Nødnett-terminalene og reservetelefonien for AMK som oppdragskritiske, og "
        "dette er avklart med AMK-sentralene. Privat APN og videomotoren er virksomhetskritiske. "
        "LifeX-klienten blir oppdragskritisk, men vurderingen er foreløpig til piloten er "
        "evaluert.",
    ),
    "B4": (
        "APN nede → VPN over vanlig mobilnett. Videomotor nede → kun tale. Reservetelefoni "
        "testes to ganger i året.",
        "Dersom privat APN faller ut, kobler enhetene seg til via VPN over ordinært mobilnett, "
        "noe som tar lengre tid. Uten videomotor stopper all video, og AMK går over til tale. "
        "Reservetelefonien testes to ganger i året, sist med godt resultat.",
    ),
    "C1": (
        "~12 000 SIM på privat APN. ~9 500 Nødnett-terminaler. 16 AMK bruker video og medielogg.",
        "Privat APN har rundt 12 000 SIM-kort. HDO forvalter om lag 9 500 Nødnett-terminaler i "
        "helsetjenesten. Alle 16 AMK-sentralene bruker video fra publikum og medielogg.",
    ),
    "D1": (
        "NHN utvikler plattformene selv med leverandører. HDO anskaffer nasjonalt. Nødchat "
        "anskaffes sammen med politi og brann.",
        "Norsk Helsenett utvikler plattformene selv i samarbeid med leverandører. HDO anskaffer "
        "og forvalter nasjonale løsninger, og nødchat anskaffes i fellesskap med politiet og "
        "brannvesenet.",
    ),
    "D2": (
        "Nasjonal innføring i bølger, region for region. HDO har innføringsteam. KAK starter "
        "med pilot i to AMK-områder.",
        "Nasjonale tjenester innføres i bølger, region for region, med et eget innføringsteam i "
        "HDO. KAK-løsningen starter med pilot i to AMK-områder før regionvis utrulling.",
    ),
    "D3": (
        "NHN: døgndrift, to datasentre (videomotor skal bli georedundant). HDO: nasjonalt "
        "driftssenter, døgnåpent.",
        "Norsk Helsenett drifter plattformene døgnet rundt, og videomotoren skal bli "
        "georedundant i to datasentre. HDO har et nasjonalt driftssenter med døgnåpen vakt for "
        "Nødnett-terminaler, video og medielogg.",
    ),
    "D4": (
        "Forvaltning nasjonalt, finansiert via avtaler med RHF-ene. Endringer i nasjonalt forum.",
        "De nasjonale tjenestene forvaltes av NHN og HDO og finansieres gjennom avtaler med de "
        "regionale helseforetakene. Endringer behandles i et nasjonalt forum der regionene er "
        "representert.",
    ),
    "D5": (
        "Varde Video (videomotor, video fra publikum), Bautaen Logg (medielogg), Nordlys "
        "(KAK), mobiloperatør A og B, terminalleverandører.",
        "Varde Video AS leverer videoplattformen, Bautaen Logg AS medielogg og Nordlys "
        "Kommunikasjon AS KAK-løsningen. Mobiloperatør A leverer privat APN, og "
        "terminalene kjøpes på rammeavtale.",
    ),
    "E2": (
        "Terminaler og programmering: full avhengighet. Medielogg: delvis (logger talegrupper). "
        "LifeX: gateway mot Nødnett.",
        "Nødnett-terminalene og programmeringen av dem er fullt avhengige av Nødnett. Medielogg "
        "logger talegruppene og er delvis avhengig. LifeX-klienten kobles mot Nødnett via en "
        "gateway i overgangsperioden.",
    ),
    "E3": (
        "Nytt nødnett må kunne nå helsenettet direkte (privat APN). Prioritet for video. "
        "Overgangsplan for talegrupper.",
        "Deltakerne la vekt på at nytt nødnett må ha direkte tilgang til helsenettet, slik "
        "privat APN gir i dag. Video trenger prioritet og kapasitet. Lars understreket at "
        "overgangen krever en plan for talegrupper og parallell drift av terminaler.",
    ),
    "E4": (
        "Privat APN, videomotor, medielogg, terminaler, reservetelefoni, KAK. Robust mobilt "
        "helsenett som plattform.",
        "Privat APN, videomotoren, medielogg, Nødnett-terminalene, reservetelefonien og "
        "KAK-løsningen må dokumenteres. Robust mobilt helsenett må beskrives som en plattform "
        "som mange tjenester bygger på.",
    ),
    "E5": (
        "Krav: integrasjon mot helsenett, sikkerhet (nøkler/identitet), kapasitet for video, "
        "logging fra dag én, samvirke med Sverige og Finland.",
        "Kravene som ble nevnt var sikker integrasjon mot helsenettet, styring av identitet og "
        "nøkler, kapasitet for video, logging av tale og video fra første dag og samvirke over "
        "grensen mot Sverige og Finland.",
    ),
    "F2": (
        "Ettersendes: kapasitetstall APN (Camilla), overgangsplan terminaler (Lars), krav til "
        "medielogg for video (Kristin).",
        "",
    ),
}

# A user-group meeting with the short guide `brukergrupper`.
FJORDVIK_HJEMMETJENESTE: dict[str, NotePair] = {
    "A2": (
        "Hjemmetjenesten i Fjordvik har rundt 140 ansatte fordelt på dag, kveld og natt. "
        "Nattpatruljen består av to biler som dekker hele kommunen, også hytteområdene på "
        "Nordsida. Arbeidet skjer i brukernes hjem, ofte langt fra nærmeste kollega.",
        "Typisk vakt: arbeidsliste på telefon, 15–20 besøk per vakt på dag, færre og lengre "
        "besøk på natt. Geir: nattpatruljen kjører opptil 80 km per vakt. Mye alenearbeid.",
    ),
    "B1": (
        "De ansatte kommuniserer med vaktleder og kolleger på telefon, med legevakten ved "
        "behov for lege og med AMK ved akutt sykdom. Meldinger om endringer kommer i "
        "journalappen. Video brukes ikke i dag.",
        "Telefon til vaktleder og kolleger, meldinger i journalapp, legevakt på telefon, 113 ved "
        "akutt. Ingen video. Ønsker å kunne sende bilde av sår til lege på en sikker måte.",
    ),
    "B3": (
        "Dekningen er dårlig i hytteområdene og i flere kjellerleiligheter i sentrum. "
        "Journalappen fungerer ikke uten nett, så de ansatte noterer på papir og fører inn "
        "etterpå. Det er tungvint å nå legevakten raskt.",
        "Dårlig: dekning (hytter, kjellere), app uten offline-modus, lang ventetid på "
        "legevakttelefonen. Mangler: alarmknapp for ansatte og sikker bildedeling.",
    ),
    "C1": (
        "Situasjonene som ble beskrevet var brukere som faller og ikke svarer, utagerende "
        "brukere, og ansatte som blir alene i krevende situasjoner om natten. Trygghetsalarmen "
        "er kritisk for brukerne, og de ansatte mangler en tilsvarende alarm for seg selv.",
        "Kritisk: fall hos bruker, vold og trusler mot ansatt, akutt sykdom på natt. Geir "
        "fortalte om en episode der han ikke fikk varslet kollega fordi telefonen var uten "
        "dekning.",
    ),
    "C2": (
        "Når telefonen svikter, må den ansatte kjøre til et sted med dekning eller be naboer "
        "om hjelp. Responssenteret ringer pårørende og legevakt hvis hjemmetjenesten ikke "
        "svarer på en alarm.",
        "Ved svikt: kjøre til dekning, fasttelefon hos bruker (sjelden), responssenteret ringer "
        "videre. Ingen systematisk reserveløsning.",
    ),
    "D1": (
        "Hjemmetjenesten ønsker en alarmknapp for ansatte som virker overalt, tale og bilde "
        "mot legevakt og AMK, og at trygghetsalarmene kan kobles direkte mot legevakt ved "
        "behov. Dekning innendørs og i distriktet er det viktigste.",
        "Behov: personalalarm, sikker bildedeling til lege, kontakt med legevakt/AMK, "
        "trygghetsalarm mot legevakt. «Dekning først, alt annet etterpå.»",
    ),
    "D2": (
        "Utstyret må være enkelt og robust, helst én telefon til alt. Dekningen må være god "
        "innendørs og i hytteområdene. Opplæringen må kunne gjøres på en kort "
        "personalsamling, fordi mange jobber deltid.",
        "Krav: én enhet, enkel, robust. Dekning innendørs og i distrikt. Opplæring kort og "
        "praktisk – mange deltidsansatte og vikarer.",
    ),
}

NOTES: dict[str, dict[str, NotePair]] = {
    "sykehuspartner": SYKEHUSPARTNER,
    "hemit": HEMIT,
    "helse-vest-ikt": HELSE_VEST_IKT,
    "helse-nord-ikt": HELSE_NORD_IKT,
    "norsk-helsenett": NORSK_HELSENETT,
    "fjordvik-hjemmetjeneste": FJORDVIK_HJEMMETJENESTE,
}
