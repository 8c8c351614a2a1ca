"""The demo journey's meetings, people, answers, service mentions and follow-ups.

Everything here is fictional: names, e-mail addresses (on the reserved example domain),
suppliers and views. Notes live in `demo_notes`, services in `demo_services`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.demo.services import (
    AIR,
    AMBULANCE,
    AMK,
    BOAT,
    BODYCAM,
    ER,
    FJORDVIK,
    HDO,
    HEALTH_APN,
    HEMIT,
    HNIKT,
    HOME_CARE,
    HOSPITAL,
    HVIKT,
    INCIDENT_LEAD,
    LAPTOP,
    LEGEVAKT,
    MEDICAL,
    MULTI_OPERATOR,
    NHN,
    ONE_OPERATOR,
    OTHER,
    PHONE,
    PSYCH,
    SATELLITE,
    SPHF,
    TABLET,
    TETRA,
    TETRA_TERMINAL,
    VEHICLE_ROUTER,
    WIFI,
)

JOURNEY_KEY = "journey"
JOURNEY_NAME = "Eksempel: Mobile tjenester i helse – innsiktsreise 2026"
JOURNEY_DESCRIPTION = (
    "FIKTIVE EKSEMPELDATA for demonstrasjon og opplæring. Reisen kartlegger mobile tjenester i "
    "den akuttmedisinske kjeden som innspill til nytt nødnett. Alle personer, e-postadresser, "
    "leverandører, antall og vurderinger er oppdiktet og sier ingenting om virksomhetenes "
    "faktiske tjenester eller synspunkter."
)

# Organisations the demo needs besides the canonical ones in `models.vocabulary`.
EXTRA_ORGANISATIONS: tuple[tuple[str, str, str], ...] = ((FJORDVIK, "Fjordvik", "Helse Vest"),)


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: str
    organisation: str | None
    email: str


@dataclass(frozen=True)
class AnswerSpec:
    question: str
    author: str  # person key of a note-taker
    choices: tuple[str, ...] = ()
    other_text: str = ""
    state: str = ""


@dataclass(frozen=True)
class MentionSpec:
    service: str  # service key
    question: str
    remark: str


@dataclass(frozen=True)
class FollowUpSpec:
    key: str
    what: str
    who: str
    due: dt.date
    status: str


@dataclass(frozen=True, kw_only=True)
class MeetingSpec:
    key: str
    title: str
    organisations: tuple[str, ...]
    date: dt.date
    start: str
    end: str
    place: str
    teams: bool
    guide_key: str
    facilitators: tuple[str, ...]
    note_takers: tuple[str, str]
    participants: tuple[str, ...]
    answers: tuple[AnswerSpec, ...]
    mentions: tuple[MentionSpec, ...]
    followups: tuple[FollowUpSpec, ...]
    guide_version: int = 1
    absent: tuple[str, ...] = ()  # invited, sent their apologies (forfall)


def _person(key: str, name: str, role: str, organisation: str | None) -> PersonSpec:
    local = name.lower().replace(" ", ".")
    for letter, plain in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        local = local.replace(letter, plain)
    return PersonSpec(key, name, role, organisation, f"{local}@eksempel.no")


PEOPLE: tuple[PersonSpec, ...] = (
    # The project team (facilitators and note-takers).
    _person("kari", "Kari Nordmann", "Rådgiver, prosjekt nytt nødnett", HDO),
    _person("ola", "Ola Hansen", "Seniorrådgiver, prosjekt nytt nødnett", HDO),
    _person("ingrid", "Ingrid Berg", "Rådgiver, fagenhet prehospital", HDO),
    _person("per", "Per Olsen", "Prosjektleder nytt nødnett – helse", HDO),
    _person("siri", "Siri Lunde", "Seniorrådgiver, Helsedirektoratet", None),
    # Sykehuspartner HF
    _person("trond", "Trond Eide", "Tjenesteeier prehospitale løsninger", SPHF),
    _person("marte", "Marte Solberg", "Teamleder mobile plattformer og MDM", SPHF),
    _person("jonas", "Jonas Bakke", "Løsningsarkitekt", SPHF),
    _person("hilde", "Hilde Strand", "Fagrådgiver ambulanse", SPHF),
    # HEMIT HF
    _person("eirik", "Eirik Moen", "Seksjonsleder prehospital IKT", HEMIT),
    _person("lise", "Lise Aune", "Driftsansvarlig mobile tjenester", HEMIT),
    _person("anders", "Anders Vik", "Utvikler, innsatslederapp", HEMIT),
    # Helse Vest IKT
    _person("ragnhild", "Ragnhild Dale", "Tjenesteforvalter ambulanse og AMK", HVIKT),
    _person("sindre", "Sindre Haugland", "Nettverksarkitekt", HVIKT),
    _person("torill", "Torill Myklebust", "Leder servicedesk", HVIKT),
    # Helse Nord IKT
    _person("nils", "Nils Johansen", "Avdelingsleder prehospitale systemer", HNIKT),
    _person("mette", "Mette Karlsen", "Rådgiver ambulansebåt og luftambulanse", HNIKT),
    _person("bjorn", "Bjørn Pedersen", "Driftstekniker radio og samband", HNIKT),
    _person("tove", "Tove Amundsen", "Fagsjef luftambulanse", HNIKT),
    # Norsk Helsenett SF
    _person("camilla", "Camilla Lie", "Produktleder mobilt helsenett", NHN),
    _person("henrik", "Henrik Dahl", "Arkitekt video og samhandling", NHN),
    # HDO, as a participant in the national meeting
    _person("lars", "Lars Brekke", "Fagansvarlig Nødnett-terminaler", HDO),
    _person("kristin", "Kristin Holm", "Tjenesteansvarlig video og medielogg", HDO),
    # Fjordvik kommune (fictional)
    _person("ase", "Åse Nilsen", "Avdelingsleder hjemmetjenesten", FJORDVIK),
    _person("geir", "Geir Fossum", "Sykepleier, nattpatrulje", FJORDVIK),
    _person("marit", "Marit Sæther", "IKT-koordinator", FJORDVIK),
)


HDO_CHOICE = "HDO (Helsetjenestens driftsorganisasjon for nødnett HF)"
D = dt.date

MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        key="sykehuspartner",
        title="Innsiktsmøte med Sykehuspartner HF",
        organisations=(SPHF,),
        date=D(2026, 10, 6),
        start="09:00",
        end="11:30",
        place="Sykehuspartner, Drammen – møterom Fjorden",
        teams=False,
        guide_key="mobile-tjenester",
        facilitators=("per", "siri"),
        note_takers=("kari", "ola"),
        participants=("trond", "marte", "jonas", "hilde"),
        answers=(
            AnswerSpec("A1", "kari", (SPHF,)),
            AnswerSpec("A3", "kari", (AMBULANCE, AMK, LEGEVAKT, ER, INCIDENT_LEAD, PSYCH)),
            AnswerSpec("A3", "ola", (AMBULANCE, AMK, ER, INCIDENT_LEAD, HOSPITAL, PSYCH)),
            AnswerSpec("C2", "kari", (TABLET, PHONE, BODYCAM, MEDICAL, TETRA_TERMINAL)),
            AnswerSpec("C3", "kari", (MULTI_OPERATOR, HEALTH_APN, TETRA, WIFI)),
        ),
        mentions=(
            MentionSpec("lifex-mobilklient", "B1", "Pilot planlegges i to AMK-områder i Sør-Øst."),
            MentionSpec(
                "ambulansejournal-sor-ost", "B1", "Brukes i alle biler; sårbar ved dårlig dekning."
            ),
            MentionSpec("sms-til-video", "B1", "Mye brukt av AMK-sentralene i regionen."),
            MentionSpec("personalalarm-psykiatri", "B1", "Viktig for ansattes sikkerhet."),
            MentionSpec("varsling-beredskap", "B1", "Brukes ved alle beredskapshendelser."),
            MentionSpec("nodnett-terminaler", "B1", "Fortsatt hovedkanal for tale."),
            MentionSpec("hodekamera-ambulanse", "E1", "Pilot med 40 kameraer fra våren 2027."),
            MentionSpec("felles-situasjonsbilde", "E1", "Forprosjekt i 2027."),
            MentionSpec("robust-mobilt-helsenett", "E1", "Vil stille med ti pilotbiler."),
            MentionSpec("medielogg", "B1", "Ønsker video fra hodekamera inn i loggen."),
        ),
        followups=(
            FollowUpSpec(
                "oversikt-enheter",
                "Sende oversikt over mobile enheter i ambulanse (antall og modeller)",
                "Marte Solberg",
                D(2026, 10, 20),
                "lukket",
            ),
            FollowUpSpec(
                "kritikalitet-hodekamera",
                "Avklare kritikalitet for hodekamera med operativt miljø (AMK)",
                "Trond Eide",
                D(2026, 11, 15),
                "pågår",
            ),
            FollowUpSpec(
                "arkitekturskisse",
                "Dele arkitekturskisse for robust mobilt helsenett i bil",
                "Jonas Bakke",
                D(2026, 10, 31),
                "åpen",
            ),
            FollowUpSpec(
                "referat",
                "Sende utkast til referat for gjennomlesning",
                "Kari Nordmann",
                D(2026, 10, 13),
                "lukket",
            ),
        ),
    ),
    MeetingSpec(
        key="hemit",
        title="Innsiktsmøte med HEMIT HF",
        organisations=(HEMIT,),
        date=D(2026, 10, 14),
        start="12:30",
        end="15:00",
        place="",
        teams=True,
        guide_key="mobile-tjenester",
        facilitators=("per",),
        note_takers=("kari", "ola"),
        participants=("eirik", "lise", "anders"),
        answers=(
            AnswerSpec("A1", "kari", (HEMIT,)),
            AnswerSpec("A3", "kari", (AMBULANCE, AMK, INCIDENT_LEAD, ER, HOSPITAL)),
            AnswerSpec(
                "C2",
                "kari",
                (TABLET, PHONE, VEHICLE_ROUTER, TETRA_TERMINAL, OTHER),
                other_text="DECT-telefoner og personsøkere i sykehus",
            ),
            AnswerSpec("C2", "ola", (TABLET, PHONE, VEHICLE_ROUTER, TETRA_TERMINAL)),
            AnswerSpec("C3", "kari", (MULTI_OPERATOR, HEALTH_APN, TETRA)),
        ),
        mentions=(
            MentionSpec(
                "lifex-mobil-hemit",
                "B1",
                "Notert som «Lifex mobil»; pilot i Trøndelag med ca. 120 brukere.",
            ),
            MentionSpec(
                "flatestyring", "B1", "Posisjon i AMK-kartet; faller tilbake til Nødnett-status."
            ),
            MentionSpec("dect-personsoker", "B1", "Utfases; avtalen løper ut."),
            MentionSpec("nodnett-terminaler", "B1", "Alle biler har kjøretøymontert terminal."),
            MentionSpec("sms-til-video", "B1", "Brukes daglig i AMK Midt-Norge."),
            MentionSpec("innsatslederapp", "E1", "Egenutviklet, pilot på øvelser i 2027."),
            MentionSpec("masseskade-triage", "E1", "Konsept etter erfaringer fra øvelser."),
            MentionSpec(
                "hodekamera-ambulanse", "E1", "Vil delta i utvidet pilot med Sykehuspartner."
            ),
            MentionSpec("robust-mobilt-helsenett", "E1", "Ønsker felles løsning framfor regional."),
        ),
        followups=(
            FollowUpSpec(
                "skjermbilder-innsatsleder",
                "Sende skjermbilder og beskrivelse av innsatslederappen",
                "Anders Vik",
                D(2026, 10, 28),
                "lukket",
            ),
            FollowUpSpec(
                "dekningskart",
                "Dele kart over dekningshull langs E6 og fylkesveier",
                "Lise Aune",
                D(2026, 11, 6),
                "pågår",
            ),
            FollowUpSpec(
                "lifex-avklaring",
                "Avklare om «Lifex mobil» i Midt-Norge er samme "
                "tjeneste som den nasjonale LifeX-klienten",
                "Ola Hansen",
                D(2026, 11, 20),
                "åpen",
            ),
        ),
    ),
    MeetingSpec(
        key="helse-vest-ikt",
        title="Innsiktsmøte med Helse Vest IKT",
        organisations=(HVIKT,),
        date=D(2026, 10, 22),
        start="09:00",
        end="11:30",
        place="Helse Vest IKT, Bergen – møterom Ulriken",
        teams=False,
        guide_key="mobile-tjenester",
        facilitators=("siri",),
        note_takers=("ola", "kari"),
        participants=("ragnhild", "sindre", "torill"),
        answers=(
            AnswerSpec("A1", "ola", (HVIKT,)),
            AnswerSpec("A3", "ola", (AMBULANCE, BOAT, AMK, LEGEVAKT, ER)),
            AnswerSpec("C2", "ola", (TABLET, PHONE, MEDICAL, VEHICLE_ROUTER, TETRA_TERMINAL)),
            AnswerSpec(
                "C3",
                "ola",
                (ONE_OPERATOR, HEALTH_APN, TETRA, WIFI, OTHER),
                other_text="Kablet tilkobling på ambulansestasjonene for synkronisering",
            ),
        ),
        mentions=(
            MentionSpec("ekg-overforing", "B1", "Oppdragskritisk for hjerteinfarkt-pasienter."),
            MentionSpec("legevakt-mobilklient", "B1", "Brukes av legevakter i hele regionen."),
            MentionSpec("mdm-ambulanse", "B1", "Alle prehospitale enheter er innrullert."),
            MentionSpec("nodnett-terminaler", "B1", "Tale med AMK og mellom biler."),
            MentionSpec("sms-til-video", "B1", "Brukes også av legevaktsentralene."),
            MentionSpec("lifex-mobilklient", "E1", "Venter på nasjonal tidsplan."),
            MentionSpec("robust-mobilt-helsenett", "E1", "Ønsker å pilotere i Sogn."),
            MentionSpec(
                "ambulansebat-samband", "B1", "To båter i regionen bruker løsningen fra Helse Nord."
            ),
            MentionSpec("mobil-datatilgang", "B1", "All prehospital trafikk går via privat APN."),
        ),
        followups=(
            FollowUpSpec(
                "sla-vedlegg",
                "Sende gjeldende SLA-vedlegg for prehospitale tjenester",
                "Torill Myklebust",
                D(2026, 11, 5),
                "lukket",
            ),
            FollowUpSpec(
                "pilot-sogn",
                "Avklare pilotområde for robust mobilt helsenett",
                "Sindre Haugland",
                D(2026, 12, 15),
                "åpen",
            ),
            FollowUpSpec(
                "ekg-kritikalitet",
                "Bekrefte kritikalitet for EKG-overføring med kardiologisk avdeling",
                "Ragnhild Dale",
                D(2026, 11, 20),
                "lukket",
            ),
        ),
    ),
    MeetingSpec(
        key="helse-nord-ikt",
        title="Innsiktsmøte med Helse Nord IKT",
        organisations=(HNIKT,),
        date=D(2026, 11, 4),
        start="10:00",
        end="12:30",
        place="",
        teams=True,
        guide_key="mobile-tjenester",
        facilitators=("per",),
        note_takers=("kari", "ingrid"),
        participants=("nils", "mette", "bjorn"),
        absent=("tove",),
        answers=(
            AnswerSpec("A1", "kari", (HNIKT,)),
            AnswerSpec(
                "A3",
                "kari",
                (AMBULANCE, BOAT, AIR, AMK, LEGEVAKT, OTHER),
                other_text="Ambulansefly-koordinering og pasientreiser med følge",
            ),
            AnswerSpec(
                "C2",
                "kari",
                (TABLET, PHONE, VEHICLE_ROUTER, TETRA_TERMINAL, OTHER),
                other_text="Satellittelefoner og maritim VHF",
            ),
            AnswerSpec("C3", "kari", (MULTI_OPERATOR, TETRA, SATELLITE)),
            AnswerSpec("C3", "ingrid", (MULTI_OPERATOR, HEALTH_APN, TETRA, SATELLITE)),
            AnswerSpec("E5", "kari", state="hoppet over"),
        ),
        mentions=(
            MentionSpec("oppdragsmottak-bil", "B1", "Oppdragskritisk i store avstander."),
            MentionSpec("oppdragsterminal-3g", "B1", "20 biler gjenstår; må byttes før nyttår."),
            MentionSpec("ambulansebat-samband", "B1", "Satellitt er eneste data til sjøs."),
            MentionSpec("satellittelefon", "B1", "Reserve når alt annet er nede."),
            MentionSpec("nodnett-terminaler", "B1", "Dekningshull i fjellovergangene."),
            MentionSpec("video-til-lege-ambulanse", "E1", "Pilot i Finnmark og Nordland."),
            MentionSpec("ptt-over-mobil", "E1", "Vil teste sammen med DSB."),
            MentionSpec("luftambulanse-oppdragsapp", "E1", "Behovsavklaring pågår."),
            MentionSpec("lifex-mobilklient", "E1", "Bekymret for dekning utenfor byene."),
            MentionSpec("robust-mobilt-helsenett", "E1", "Må ha satellitt som tredje bærer."),
        ),
        followups=(
            FollowUpSpec(
                "dekningshull",
                "Sende liste over kjente dekningshull for Nødnett og "
                "mobilnett langs ambulanseruter",
                "Bjørn Pedersen",
                D(2026, 11, 25),
                "pågår",
            ),
            FollowUpSpec(
                "e5-skriftlig",
                "Besvare spørsmål E5 (krav og behov) skriftlig",
                "Nils Johansen",
                D(2026, 11, 18),
                "åpen",
            ),
            FollowUpSpec(
                "batinfo",
                "Oversikt over sambandsutstyr på ambulansebåtene",
                "Mette Karlsen",
                D(2026, 11, 30),
                "åpen",
            ),
        ),
    ),
    MeetingSpec(
        key="norsk-helsenett",
        title="Innsiktsmøte med Norsk Helsenett SF og HDO",
        organisations=(NHN, HDO),
        date=D(2026, 11, 12),
        start="09:00",
        end="11:00",
        place="Norsk Helsenett, Trondheim – møterom Nidelva",
        teams=True,
        guide_key="mobile-tjenester",
        facilitators=("per", "siri"),
        note_takers=("ola", "kari"),
        participants=("camilla", "henrik", "lars", "kristin"),
        answers=(
            AnswerSpec("A1", "ola", (NHN,)),
            AnswerSpec("A1", "kari", (HDO_CHOICE,)),
            AnswerSpec("A3", "ola", (AMBULANCE, AMK, LEGEVAKT, HOME_CARE, HOSPITAL)),
            AnswerSpec("C2", "ola", (VEHICLE_ROUTER, PHONE, TABLET, LAPTOP, TETRA_TERMINAL)),
            AnswerSpec("C3", "ola", (HEALTH_APN, MULTI_OPERATOR, TETRA)),
            AnswerSpec("C4", "ola", state="ikke relevant"),
        ),
        mentions=(
            MentionSpec("mobil-datatilgang", "B1", "Ca. 12 000 SIM-kort på privat APN."),
            MentionSpec("nasjonal-videomotor", "B1", "Ruter video fra publikum og ambulanse."),
            MentionSpec("sms-til-video", "B1", "Driftes av HDO på NHNs plattform."),
            MentionSpec("hjelp-113-video", "B1", "Posisjon og video rett til AMK."),
            MentionSpec("medielogg", "B1", "Logger tale og video i alle AMK."),
            MentionSpec("reservetelefoni-amk", "B1", "Testes to ganger i året."),
            MentionSpec("nodnett-terminaler", "B1", "HDO forvalter ca. 9 500 terminaler."),
            MentionSpec("terminalprogrammering", "B1", "Overgang til programmering over luft."),
            MentionSpec("robust-mobilt-helsenett", "E1", "NHN eier konseptet; pilot i 40 biler."),
            MentionSpec("lifex-mobilklient", "E1", "Nasjonal utrulling fra 2027."),
            MentionSpec("nodchat", "E1", "Felles anskaffelse med politi og brann."),
            MentionSpec("hodekamera-ambulanse", "E1", "Videomotoren er klar for kameraene."),
        ),
        followups=(
            FollowUpSpec(
                "apn-kapasitet",
                "Dele tall for kapasitet og trafikk på privat APN",
                "Camilla Lie",
                D(2026, 11, 26),
                "åpen",
            ),
            FollowUpSpec(
                "terminalplan",
                "Sende overgangsplan for Nødnett-terminaler",
                "Lars Brekke",
                D(2026, 12, 10),
                "åpen",
            ),
            FollowUpSpec(
                "medielogg-krav",
                "Beskrive krav til medielogg for video",
                "Kristin Holm",
                D(2026, 12, 1),
                "pågår",
            ),
        ),
    ),
    MeetingSpec(
        key="fjordvik-hjemmetjeneste",
        title="Brukergruppe: hjemmetjenesten i Fjordvik kommune",
        organisations=(FJORDVIK,),
        date=D(2026, 11, 18),
        start="13:00",
        end="14:30",
        place="Fjordvik helsehus, møterom 2",
        teams=False,
        guide_key="brukergrupper",
        facilitators=("siri",),
        note_takers=("kari", "ola"),
        participants=("ase", "geir", "marit"),
        answers=(AnswerSpec("A1", "kari", ("hjemmetjeneste",)),),
        mentions=(
            MentionSpec("hjemmetjeneste-app", "B2", "Arbeidsliste og journal på telefon."),
            MentionSpec("trygghetsalarm", "B2", "Responssenteret sender oppdrag til telefon."),
            MentionSpec("mobil-datatilgang", "B2", "Telefonene bruker privat APN."),
        ),
        followups=(
            FollowUpSpec(
                "alarmstatistikk",
                "Sende statistikk over alarmer og responstid",
                "Åse Nilsen",
                D(2026, 12, 2),
                "åpen",
            ),
            FollowUpSpec(
                "dekning-hytteomrade",
                "Kartlegge dekning i hytteområdene på Nordsida",
                "Marit Sæther",
                D(2026, 12, 16),
                "åpen",
            ),
        ),
    ),
)
