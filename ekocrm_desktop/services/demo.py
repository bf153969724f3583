"""Realistic French demo data, deterministic for a given seed, at any size.

The default workspace holds a small training company in Lyon (staff, prospects, clients,
suppliers, partners, competitors) and a heritage association (members by category,
bureau, volunteers): about 2,000 people and 300 organisations with accented names,
real postcodes, valid phone numbers, tags and dated roles. Benchmarks ask it for a
million contacts through the same code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from collections.abc import Iterator

from sqlalchemy import inspect

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.textnorm import words
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.demo_actions import generate_actions_demo
from ekocrm_desktop.services.demo_agenda import generate_agenda_demo
from ekocrm_desktop.services.demo_membership import DemoMember

FIRST_NAMES_F = (
    "Hélène",
    "Élodie",
    "Chloé",
    "Camille",
    "Léa",
    "Manon",
    "Inès",
    "Zoé",
    "Anaïs",
    "Océane",
    "Amélie",
    "Cécile",
    "Françoise",
    "Geneviève",
    "Isabelle",
    "Jeanne",
    "Juliette",
    "Laëtitia",
    "Marie",
    "Maëlle",
    "Nathalie",
    "Noémie",
    "Pauline",
    "Sandrine",
    "Sophie",
    "Valérie",
    "Véronique",
    "Agnès",
    "Béatrice",
    "Brigitte",
    "Clémence",
    "Delphine",
    "Émilie",
    "Estelle",
    "Gaëlle",
    "Josiane",
    "Lucie",
    "Margaux",
    "Mélanie",
    "Monique",
    "Odile",
    "Régine",
    "Solène",
    "Thérèse",
    "Yvette",
    "Aurélie",
    "Coralie",
    "Ève",
    "Héloïse",
    "Maïwenn",
)
FIRST_NAMES_M = (
    "Jérôme",
    "François",
    "Benoît",
    "Loïc",
    "Noël",
    "Raphaël",
    "Gaël",
    "Anaël",
    "Thibault",
    "Sébastien",
    "Stéphane",
    "Frédéric",
    "Grégoire",
    "Hervé",
    "Jean-Michel",
    "Jean-Luc",
    "Pierre",
    "Paul",
    "Louis",
    "Lucas",
    "Hugo",
    "Théo",
    "Nicolas",
    "Olivier",
    "Philippe",
    "Laurent",
    "Michel",
    "Patrick",
    "Bernard",
    "Christophe",
    "Denis",
    "Didier",
    "Éric",
    "Fabrice",
    "Gérard",
    "Guillaume",
    "Julien",
    "Mathieu",
    "Maxime",
    "Pascal",
    "René",
    "Rémi",
    "Thierry",
    "Xavier",
    "Yannick",
    "Adrien",
    "Antoine",
    "Baptiste",
    "Clément",
    "Cédric",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Jean",
    "Pérez",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
    "Fernandez",
    "Pierre",
    "Renard",
    "Arnaud",
    "Rolland",
    "Caron",
    "Aubert",
    "Giraud",
    "Leclerc",
    "Vidal",
    "Bourgeois",
    "Renaud",
    "Lemoine",
    "Picard",
    "Gaillard",
    "Philippe",
    "Leclercq",
    "Lacroix",
    "Fabre",
    "Dupuis",
    "Olivier",
    "Rodriguez",
    "Da Silva",
    "Hubert",
    "Louis",
    "Charles",
    "Guillot",
    "Rivière",
    "Le Gall",
    "Guillaume",
    "Adam",
    "Rey",
    "Moulin",
    "Gonzalez",
    "Berger",
    "Lecomte",
    "Ménard",
    "Fleury",
    "Deschamps",
    "Carpentier",
    "Julien",
    "Benoît",
    "Paris",
    "Maillard",
    "Marchal",
    "Aubry",
    "Vasseur",
    "Le Roux",
    "Renault",
    "Jacquet",
    "Collet",
    "Prévost",
    "Poirier",
    "Charpentier",
    "Royer",
    "Huet",
    "Baron",
    "Dupuy",
    "Pons",
    "Paul",
    "Laine",
    "Carré",
    "Breton",
    "Rémy",
    "Schneider",
    "Perrot",
    "Guyot",
    "Barre",
    "Marty",
    "Cousin",
    "Bérenger",
    "Desjardins",
    "Lefèvre-Dupré",
    "Saint-Clair",
    "Château",
    "Bézier",
    "Hébert",
    "Lévêque",
    "Besnard",
    "Boucher",
)
# (city, postcode, landline prefix): real postcodes, weighted towards Lyon and the Rhône.
CITIES = (
    ("Lyon", "69001", "4"),
    ("Lyon", "69002", "4"),
    ("Lyon", "69003", "4"),
    ("Lyon", "69004", "4"),
    ("Lyon", "69005", "4"),
    ("Lyon", "69006", "4"),
    ("Lyon", "69007", "4"),
    ("Lyon", "69008", "4"),
    ("Lyon", "69009", "4"),
    ("Villeurbanne", "69100", "4"),
    ("Vénissieux", "69200", "4"),
    ("Caluire-et-Cuire", "69300", "4"),
    ("Bron", "69500", "4"),
    ("Écully", "69130", "4"),
    ("Oullins", "69600", "4"),
    ("Saint-Priest", "69800", "4"),
    ("Tassin-la-Demi-Lune", "69160", "4"),
    ("Villefranche-sur-Saône", "69400", "4"),
    ("Givors", "69700", "4"),
    ("Saint-Étienne", "42000", "4"),
    ("Roanne", "42300", "4"),
    ("Grenoble", "38000", "4"),
    ("Vienne", "38200", "4"),
    ("Chambéry", "73000", "4"),
    ("Annecy", "74000", "4"),
    ("Annemasse", "74100", "4"),
    ("Bourg-en-Bresse", "01000", "4"),
    ("Mâcon", "71000", "3"),
    ("Valence", "26000", "4"),
    ("Montélimar", "26200", "4"),
    ("Clermont-Ferrand", "63000", "4"),
    ("Dijon", "21000", "3"),
    ("Besançon", "25000", "3"),
    ("Paris", "75011", "1"),
    ("Paris", "75015", "1"),
    ("Paris", "75018", "1"),
    ("Boulogne-Billancourt", "92100", "1"),
    ("Montreuil", "93100", "1"),
    ("Marseille", "13006", "4"),
    ("Aix-en-Provence", "13100", "4"),
    ("Nice", "06000", "4"),
    ("Toulon", "83000", "4"),
    ("Avignon", "84000", "4"),
    ("Nîmes", "30000", "4"),
    ("Montpellier", "34000", "4"),
    ("Perpignan", "66000", "4"),
    ("Toulouse", "31000", "5"),
    ("Bordeaux", "33000", "5"),
    ("La Rochelle", "17000", "5"),
    ("Poitiers", "86000", "5"),
    ("Limoges", "87000", "5"),
    ("Nantes", "44000", "2"),
    ("Angers", "49000", "2"),
    ("Rennes", "35000", "2"),
    ("Brest", "29200", "2"),
    ("Caen", "14000", "2"),
    ("Rouen", "76000", "2"),
    ("Le Havre", "76600", "2"),
    ("Tours", "37000", "2"),
    ("Orléans", "45000", "2"),
    ("Lille", "59000", "3"),
    ("Amiens", "80000", "3"),
    ("Reims", "51100", "3"),
    ("Metz", "57000", "3"),
    ("Nancy", "54000", "3"),
    ("Strasbourg", "67000", "3"),
    ("Mulhouse", "68100", "3"),
    ("Ajaccio", "20000", "4"),
)
CITY_WEIGHTS = tuple(
    6 if pc.startswith("69") else 2 if pc[:2] in ("42", "38", "01", "73", "74") else 1 for _c, pc, _p in CITIES
)
STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "place Bellecour",
    "rue Victor Hugo",
    "boulevard des Belges",
    "chemin des Vignes",
    "impasse des Lilas",
    "quai Saint-Antoine",
    "rue du Général de Gaulle",
    "allée des Tilleuls",
    "rue Pasteur",
    "rue de l'Église",
    "cours Lafayette",
    "rue Mercière",
    "montée de la Grande-Côte",
    "rue des Écoles",
    "avenue Félix Faure",
    "rue Paul Bert",
    "rue Garibaldi",
    "rue de Marseille",
    "place des Terreaux",
    "rue du Bœuf",
    "rue Saint-Jean",
    "avenue des Frères Lumière",
    "rue Émile Zola",
    "chemin de la Croix-Rousse",
    "rue Sainte-Hélène",
    "quai Perrache",
    "rue de Créqui",
    "rue Juliette Récamier",
)
EMAIL_DOMAINS = (
    "orange.fr",
    "free.fr",
    "gmail.com",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
    "outlook.fr",
    "yahoo.fr",
)
COMPANY_ACTIVITIES = (
    "Boulangerie",
    "Atelier",
    "Transports",
    "Cabinet",
    "Imprimerie",
    "Menuiserie",
    "Garage",
    "Librairie",
    "Agence",
    "Pharmacie",
    "Brasserie",
    "Fromagerie",
    "Plomberie",
    "Électricité",
    "Architectes",
    "Charpente",
    "Pâtisserie",
    "Jardins",
    "Informatique",
    "Conseil",
    "Formation",
    "Traiteur",
    "Optique",
    "Ébénisterie",
    "Auto-école",
    "Laboratoire",
    "Studio",
    "Éditions",
    "Coopérative",
    "Domaine",
)
COMPANY_FORMS = ("SARL", "SAS", "EURL", "SA", "& Fils", "et Associés", "")
ASSOCIATION_PATTERNS = (
    "Association sportive de {city}",
    "Les Amis du Vieux {city}",
    "Comité des fêtes de {city}",
    "Club de lecture de {city}",
    "Chorale Saint-{name}",
    "Union des commerçants de {city}",
    "Amicale laïque de {city}",
    "Les Jardins partagés de {city}",
    "Théâtre du {name}",
    "Maison des jeunes de {city}",
    "Office de tourisme de {city}",
    "Mairie de {city}",
)
TAGS = (
    "VIP",
    "Newsletter",
    "Salon de Lyon 2026",
    "Bénévole",
    "Presse",
    "Ancien client",
    "À rappeler",
    "Fournisseur agréé",
    "Bureau 2026",
    "Conférence patrimoine",
)
PROSPECT_CATEGORIES = ("PME", "TPE", "Grand compte", "Collectivité", "Association")
PROSPECT_STATES = ("froid", "tiède", "chaud")
MEMBER_CATEGORIES = ("actif", "bienfaiteur", "honoraire", "bureau", "jeune")
FUNCTIONS = (
    "Gérant",
    "Gérante",
    "Directrice",
    "Directeur commercial",
    "Assistante",
    "Comptable",
    "Responsable achats",
    "Chargée de communication",
    "Président",
    "Trésorière",
    "Secrétaire",
    "Technicien",
    "Responsable formation",
    "Chef de projet",
)
MOBILE_06_BLOCKS = tuple(b for b in range(10, 90) if b != 39)
OWN_COMPANY = "Rhône Conseil & Formation"
OWN_ASSOCIATION = "Les Amis du Patrimoine Lyonnais"


@dataclasses.dataclass(frozen=True)
class DemoSize:
    """How much data to generate."""

    people: int = 2000
    organisations: int = 300
    #: The association's membership life (subscriptions, reminders, assemblies, news).
    association: bool = True


def _ascii(text: str) -> str:
    return ".".join(words(text)) or "contact"


class DemoGenerator:
    """Yields realistic French parties (organisations first), deterministic for a seed."""

    def __init__(self, size: DemoSize = DemoSize(), *, seed: int = 2026, today: dt.date | None = None) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.today = today or dt.date(2026, 11, 1)
        self._uuid_rng = random.Random(seed + 1)
        self._counter = 0
        self.organisation_ids: list[uuid.UUID] = []
        #: The association's members, for their subscriptions (demo_membership).
        self.members: list[DemoMember] = []

    def _uuid(self) -> uuid.UUID:
        # Deterministic and version-7 shaped: one millisecond apart from 2026-01-01 on.
        self._counter += 1
        ms = 1_767_225_600_000 + self._counter
        value = (ms << 80) | (0x7 << 76) | (self._uuid_rng.getrandbits(12) << 64)
        value |= (0x2 << 62) | self._uuid_rng.getrandbits(62)
        return uuid.UUID(int=value)

    def _date_between(self, start: dt.date, end: dt.date) -> dt.date:
        span = (end - start).days
        return start + dt.timedelta(days=self.rng.randint(0, max(span, 0)))

    def _phone(self, landline_prefix: str | None = None) -> str:
        """A valid French number (phonenumbers rejects some blocks, such as 07 1x and 06 9x)."""
        rng = self.rng
        if landline_prefix:
            return f"+33{landline_prefix}{rng.randint(30, 89)}{rng.randint(100000, 999999)}"
        if rng.random() < 0.7:
            return f"+336{rng.choice(MOBILE_06_BLOCKS)}{rng.randint(100000, 999999)}"
        return f"+337{rng.randint(30, 99)}{rng.randint(100000, 999999)}"

    def _address(self) -> tuple[AddressEntry, str]:
        city, postcode, prefix = self.rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        number = self.rng.randint(1, 180)
        suffix = self.rng.choice(("", "", "", " bis", " ter"))
        street = f"{number}{suffix} {self.rng.choice(STREETS)}"
        country = "FR"
        return AddressEntry(street=street, postcode=postcode, city=city, country=country), prefix

    def organisations(self) -> Iterator[BulkParty]:
        """The organisations (our two own first), ids remembered for affiliations."""
        rng = self.rng
        taken: set[str] = set()
        for index in range(self.size.organisations):
            address, prefix = self._address()
            if index == 0:
                name = OWN_COMPANY
                address = AddressEntry(street="12 rue Mercière", postcode="69002", city="Lyon")
            elif index == 1:
                name = OWN_ASSOCIATION
                address = AddressEntry(street="3 place des Terreaux", postcode="69001", city="Lyon")
            else:
                name = self._organisation_name(address)
                for _attempt in range(5):
                    if name not in taken:
                        break
                    address, prefix = self._address()
                    name = self._organisation_name(address)
                else:
                    # Past a few thousand organisations names repeat: number them, as registries do.
                    name = f"{name} ({len(taken)})"
            taken.add(name)
            domain = f"{_ascii(name).replace('.', '-')[:30]}.fr"
            roles: list[RoleEntry] = []
            if index > 1:
                roles.append(self._org_role())
            draft = PartyDraft(
                kind="organisation",
                name=name,
                emails=(EmailEntry(f"contact@{domain}"),),
                phones=(PhoneEntry(self._phone(prefix), "work"),),
                addresses=(address,),
                website=f"https://www.{domain}",
                registration_number=" ".join(str(rng.randint(100, 999)) for _ in range(3)),
                tags=tuple(rng.sample(TAGS[:8], k=rng.choice((0, 0, 1, 1, 2)))),
                roles=tuple(roles),
            )
            org_id = self._uuid()
            self.organisation_ids.append(org_id)
            yield BulkParty(org_id, draft)

    def _organisation_name(self, address: AddressEntry) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return rng.choice(ASSOCIATION_PATTERNS).format(city=address.city, name=rng.choice(LAST_NAMES))
        activity, family = rng.choice(COMPANY_ACTIVITIES), rng.choice(LAST_NAMES)
        return f"{activity} {family} {rng.choice(COMPANY_FORMS)}".strip()

    def _org_role(self) -> RoleEntry:
        rng = self.rng
        kind = rng.choices(
            (RoleKind.PROSPECT, RoleKind.CLIENT, RoleKind.SUPPLIER, RoleKind.PARTNER, RoleKind.COMPETITOR),
            weights=(40, 35, 10, 10, 5),
        )[0]
        since = self._date_between(dt.date(2019, 1, 1), self.today)
        if kind is RoleKind.PROSPECT:
            return RoleEntry(
                kind.value,
                since,
                status=rng.choice(PROSPECT_STATES),
                category=rng.choice(PROSPECT_CATEGORIES),
            )
        if kind is RoleKind.CLIENT:
            return RoleEntry(kind.value, since, category=rng.choice(PROSPECT_CATEGORIES))
        return RoleEntry(kind.value, since)

    def people(self) -> Iterator[BulkParty]:
        """The people: staff, members of the association, and contacts at organisations."""
        rng = self.rng
        staff = min(12, max(1, self.size.people // 150))
        for index in range(self.size.people):
            female = rng.random() < 0.52
            first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
            last = rng.choice(LAST_NAMES)
            address, prefix = self._address()
            roles: list[RoleEntry] = []
            affiliations: list[AffiliationEntry] = []
            tags: list[str] = []
            if index < staff and self.organisation_ids:
                roles.append(
                    RoleEntry(
                        RoleKind.COLLABORATOR.value,
                        self._date_between(dt.date(2015, 1, 1), dt.date(2025, 9, 1)),
                    )
                )
                affiliations.append(AffiliationEntry(self.organisation_ids[0], rng.choice(FUNCTIONS)))
                domain = "rhone-conseil-formation.fr"
            elif rng.random() < 0.35:
                # A member of the association, maybe a volunteer or on the bureau.
                since = self._date_between(dt.date(2012, 1, 1), self.today)
                until = None
                if rng.random() < 0.12:
                    until = self._date_between(since, self.today)
                category = rng.choices(MEMBER_CATEGORIES, weights=(60, 12, 5, 3, 20))[0]
                roles.append(RoleEntry(RoleKind.MEMBER.value, since, until, category=category))
                if len(self.organisation_ids) > 1 and rng.random() < 0.2:
                    affiliations.append(AffiliationEntry(self.organisation_ids[1], "Bénévole"))
                    tags.append("Bénévole")
                if category == "bureau":
                    tags.append("Bureau 2026")
                domain = rng.choice(EMAIL_DOMAINS)
            else:
                if len(self.organisation_ids) > 2 and rng.random() < 0.8:
                    org_index = rng.randrange(2, len(self.organisation_ids))
                    affiliations.append(AffiliationEntry(self.organisation_ids[org_index], rng.choice(FUNCTIONS)))
                    if rng.random() < 0.3:
                        roles.append(self._org_role())
                elif rng.random() < 0.5:
                    roles.append(self._org_role())
                domain = rng.choice(EMAIL_DOMAINS)
            if rng.random() < 0.25:
                tags.append(rng.choice(TAGS))
            emails: list[EmailEntry] = []
            if rng.random() < 0.88:
                local = f"{_ascii(first)}.{_ascii(last)}"
                if rng.random() < 0.3:
                    local += str(rng.randint(1, 99))
                emails.append(EmailEntry(f"{local}@{domain}", "work" if affiliations else "home"))
                if rng.random() < 0.1:
                    emails.append(EmailEntry(f"{_ascii(first)[0]}{_ascii(last)}@{rng.choice(EMAIL_DOMAINS)}", "home"))
            phones: list[PhoneEntry] = []
            if rng.random() < 0.85:
                phones.append(PhoneEntry(self._phone(), "mobile"))
            if rng.random() < 0.3:
                phones.append(PhoneEntry(self._phone(prefix), "home"))
            draft = PartyDraft(
                kind="person",
                civility="Mme" if female else "M.",
                first_name=first,
                last_name=last,
                job_title=affiliations[0].function if affiliations else "",
                birth_date=self._date_between(dt.date(1945, 1, 1), dt.date(2005, 12, 31))
                if rng.random() < 0.4
                else None,
                emails=tuple(emails),
                phones=tuple(phones),
                addresses=(address,) if rng.random() < 0.9 else (),
                tags=tuple(dict.fromkeys(tags)),
                roles=tuple(roles),
                affiliations=tuple(affiliations),
            )
            person_id = self._uuid()
            for role in roles:
                if role.role == RoleKind.MEMBER.value:
                    self.members.append(DemoMember(person_id, role.since, role.until, role.category))
            yield BulkParty(person_id, draft)

    def all(self) -> Iterator[BulkParty]:
        """Organisations, then people."""
        yield from self.organisations()
        yield from self.people()


#: Above this many people (benchmark workspaces), the demo holds contacts only.
MEMBERSHIP_DEMO_LIMIT = 20_000


def generate_demo_data(
    db: Database, size: DemoSize = DemoSize(), *, seed: int = 2026, today: dt.date | None = None
) -> int:
    """Fill `db` with demo data; returns the number of parties written.

    The association's membership life (subscriptions, reminders, assemblies, news) is laid out
    relative to `today` (default: the day it runs), so a new demo always shows late payers and
    an assembly to come; it is skipped for benchmark-sized workspaces.
    """
    from ekocrm_desktop.services.demo_deals import generate_deals_demo
    from ekocrm_desktop.services.demo_duplicates import plant_duplicates
    from ekocrm_desktop.services.demo_membership import generate_membership_demo
    from ekocrm_desktop.services.demo_segments import generate_segments_demo

    generator = DemoGenerator(size, seed=seed)
    big = size.people + size.organisations > 50_000
    written = bulk_insert_parties(db, generator.all(), rebuild_indexes=big)
    if size.association and size.people <= MEMBERSHIP_DEMO_LIMIT:
        day = today or db.clock().astimezone().date()
        generate_membership_demo(db, generator.members, today=day, seed=seed)
        plant_duplicates(db, seed=seed)  # a few near-copies for the duplicates finder (counts unchanged)
    if size.people <= MEMBERSHIP_DEMO_LIMIT and inspect(db.engine).has_table("choice_item"):
        # (Tests build demo data on the first schema revisions too, which have no such table.)
        # The settings lists and teams first: the deals demo reads the lists it finds.
        from ekocrm_desktop.services.demo_domains import generate_domains_demo

        generate_domains_demo(db, today=today)
    if size.association and size.people <= MEMBERSHIP_DEMO_LIMIT:
        # Like the membership life: skipped for benchmark sizes and for contacts-only workspaces.
        generate_deals_demo(db, today=today or db.clock().astimezone().date(), seed=seed)
    if size.people <= MEMBERSHIP_DEMO_LIMIT and inspect(db.engine).has_table("activity"):
        # Activities, tasks and alerts (issue 5), done by the collaborators.
        generate_actions_demo(db, seed=seed)
        if inspect(db.engine).has_table("activity_exception"):
            # The agenda (issue 5, part B): this week's appointments and the recurring meetings.
            generate_agenda_demo(db, seed=seed)
    if size.people <= MEMBERSHIP_DEMO_LIMIT and inspect(db.engine).has_table("segment"):
        generate_segments_demo(db)
    if size.people <= MEMBERSHIP_DEMO_LIMIT and inspect(db.engine).has_table("campaign"):
        from ekocrm_desktop.services.demo_campaigns import generate_campaigns_demo

        generate_campaigns_demo(db, today=today)
    return written
