"""Every string of the HTML views in Dutch and English; dates and numbers as people write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kg.dates import MONTHS_NL
from kg.views.i18n_views import VIEW_STRINGS

LANGUAGES = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "site_title": "Geweld tegen kinderen",
        "site_subtitle": "Kennisgraaf bij de monitor Kinderrechten in Beweging",
        "nav_index": "Overzicht",
        "nav_network": "Netwerk",
        "nav_timeline": "Tijdlijn",
        "nav_participation": "Deelname",
        "nav_recommendations": "Aanbevelingen",
        "skip": "Naar de inhoud",
        "intro_title": "Wat is dit?",
        "intro": (
            "Een overzicht van het Nederlandse beleid tegen geweld tegen kinderen, zoals de "
            "monitor Kinderrechten in Beweging het beschrijft: de cijfers van Veilig Thuis, "
            "de aanbevelingen van het VN-Kinderrechtencomité en elke gedateerde stap in "
            "beleid, parlement en praktijk. Elk feit verwijst naar de sectie van de monitor "
            "waar het staat."
        ),
        "intro_offline": "Deze pagina's werken zonder internetverbinding.",
        "key_figures": "Kerncijfers",
        "in_the_graph": "In de kennisgraaf",
        "count_events": "gebeurtenissen",
        "count_actors": "actoren",
        "count_instruments": "programma's en wetten",
        "count_observations": "cijfers",
        "latest_event": "Laatste gebeurtenis",
        "views": "Weergaven",
        "view_network": "Wie hangt met wie en wat samen: gebeurtenissen, actoren, programma's, "
        "wetten, aanbevelingen en plaatsen.",
        "view_timeline": "Alle gebeurtenissen in de tijd, per aanbeveling, programma of actor.",
        "view_participation": "Wie deed mee aan {programme}, en hoe veranderde dat?",
        "view_recommendations": "Per aanbeveling van het VN-Kinderrechtencomité: wat er gebeurde, "
        "wie betrokken was en waar het stil is.",
        "source_named": "Bron",
        "findings_title": "Bevindingen van de monitor",
        "findings_lead": "Hoe de monitor (en de expert die hij aan het woord laat) de stand van "
        "zaken beoordeelt, in eigen woorden samengevat.",
        "findings_by": "volgens {who}",
        "findings": "Bevindingen",
        "period": "Periode",
        "area": "Gebied",
        "footer": "Gegevens: Kinderrechten in Beweging, themapagina Geweld tegen kinderen. "
        "Gemaakt met kg build op {date}.",
        "data_twin": "Gegevens van deze pagina (JSON)",
        # network
        "network_title": "Netwerk",
        "network_lead": "Klik op een knoop voor details. Slepen verschuift, scrollen zoomt.",
        "search": "Zoeken",
        "search_placeholder": "Naam of afkorting…",
        "no_results": "Niets gevonden",
        "filters": "Filters",
        "show_types": "Soorten",
        "recommendation": "Aanbeveling",
        "all_recommendations": "Alle aanbevelingen",
        "years": "Jaren",
        "from": "van",
        "to": "tot en met",
        "focus": "Alleen de verbindingen tonen",
        "show_all": "Alles tonen",
        "reset": "Filters wissen",
        "visible_count": "{shown} van {total} knopen zichtbaar",
        "focused_on": "Buurt van: {label}",
        "summary_note_year_kind": "Grote graaf: de {events} gebeurtenissen zijn per jaar en soort "
        "samengevoegd tot {folds} knopen; alle {kept} actoren, "
        "programma's, wetten, aanbevelingen en plaatsen staan erin. "
        "Klik op een samengevoegde knoop voor zijn gebeurtenissen.",
        "summary_note_year": "Grote graaf: de {events} gebeurtenissen zijn per jaar samengevoegd "
        "tot {folds} knopen; alle {kept} actoren, programma's, wetten, "
        "aanbevelingen en plaatsen staan erin. Klik op een samengevoegde "
        "knoop voor zijn gebeurtenissen.",
        "summary_expand": "Alle knopen tonen",
        "summary_full_note": "Alle {total} knopen getoond; tekenen en filteren gaan trager.",
        "summary_collapse": "Terug naar het overzicht",
        "fold_description": "{n} gebeurtenissen samengevoegd",
        "type_event": "Gebeurtenis",
        "type_actor": "Actor",
        "type_instrument": "Programma of wet",
        "type_recommendation": "Aanbeveling",
        "type_place": "Plaats",
        "details": "Details",
        "details_empty": "Kies een knoop in het netwerk of zoek op naam.",
        "details_empty_timeline": "Klik op een gebeurtenis voor de beschrijving en de bron.",
        "details_empty_trace": "Klik op een balk of een rij voor de aanleiding en de bron.",
        "kind": "Soort",
        "date": "Datum",
        "status": "Status",
        "description": "Beschrijving",
        "actors": "Actoren",
        "instruments": "Programma's en wetten",
        "recommendations": "Aanbevelingen",
        "places": "Plaatsen",
        "events": "Gebeurtenissen",
        "section": "Bron in de monitor",
        "section_line": "regel {line}",
        "abbreviation": "Afkorting",
        "close": "Sluiten",
        "part_of": "onderdeel van",
        "has_part": "omvat",
        "role_hasPlace": "plaats",
        "role_isPartOf": "onderdeel van",
        "role_based_on": "gebaseerd op",
        "date_note": "Toelichting datum",
        "outcome": "Uitkomst",
        # timeline
        "timeline_title": "Tijdlijn",
        "timeline_lead": "Elke gebeurtenis uit de monitor. Vage datums ('najaar 2025') staan als "
        "gearceerde balk over de hele periode.",
        "lanes": "Indelen per",
        "lane_recommendation": "Aanbeveling",
        "lane_programme": "Programma",
        "lane_actor": "Actor",
        "lane_none": "(geen)",
        "all_kinds": "Alle soorten",
        "zoom": "Zoom",
        "zoom_in": "Inzoomen",
        "zoom_out": "Uitzoomen",
        "preset_all": "Alles",
        "legend": "Legenda",
        "legend_exact": "op de dag bekend",
        "legend_approx": "vage datum: periode",
        "legend_planned": "gepland",
        "legend_postponed": "uitgesteld",
        "legend_ongoing": "lopend",
        "legend_occurred": "vond plaats",
        "events_shown": "{shown} van {total} gebeurtenissen",
        "clusters_note": "{events} gebeurtenissen: waar het druk is, staan ze per maand, kwartaal "
        "of jaar samengevoegd tot een blok met hun aantal. Zoom in of kies een "
        "jaar om ze afzonderlijk te zien; klik op een blok voor de lijst.",
        "clustered_month": "samengevoegd per maand",
        "clustered_quarter": "samengevoegd per kwartaal",
        "clustered_year": "samengevoegd per jaar",
        "clustered_none": "afzonderlijk",
        "cluster_count": "{n} gebeurtenissen",
        "cluster_zoom": "Inzoomen op deze periode",
        "quarter_label": "{n}e kwartaal {year}",
        # participation
        "participation_title": "Deelname aan {programme}",
        "participation_lead": "Per actor de houding tegenover het programma, van de eerste "
        "zorgen tot terugtrekking. Een balk loopt tot een latere houding "
        "hem verving; een open einde betekent: nog steeds zo. Per actor "
        "geldt op elke dag één houding; een actor die niet deelnam staat er "
        "met zijn standpunt over het programma.",
        "participation_none": "Geen deelnamegegevens gevonden voor '{programme}'.",
        "stance": "Houding",
        "since": "Sinds",
        "until": "Tot",
        "until_open": "nog steeds",
        "stance_position": "standpunt van een buitenstaander, geen deelname",
        "caused_by": "Aanleiding",
        "trace_table": "Alle houdingen op een rij",
        "actor": "Actor",
        # recommendations
        "recommendations_title": "Aanbevelingen van het VN-Kinderrechtencomité",
        "recommendations_lead": "Slotbeschouwingen over Nederland (2022), aanbeveling 22: per "
        "onderdeel de gebeurtenissen die de monitor eronder noemt.",
        "flag_since": "Markeer aanbevelingen zonder gebeurtenis die plaatsvond sinds",
        "flag": "Niets gebeurd sinds {date}",
        "flag_ok": "Activiteit sinds {date}",
        "last_activity": "Laatste activiteit",
        "no_activity": "geen",
        "no_events": "De monitor noemt hier geen gebeurtenissen.",
        "event_count": "{n} gebeurtenissen",
        "actor_count": "{n} actoren",
        "definition": "Aanbeveling",
        "show_all_events": "Toon alle {n} gebeurtenissen",
        "flagged_count": "{n} van {total} aanbevelingen zonder activiteit sinds {date}",
        "at_a_glance": "In één oogopslag",
    },
    "en": {
        "site_title": "Violence against children",
        "site_subtitle": "Knowledge graph for the monitor Kinderrechten in Beweging",
        "nav_index": "Overview",
        "nav_network": "Network",
        "nav_timeline": "Timeline",
        "nav_participation": "Participation",
        "nav_recommendations": "Recommendations",
        "skip": "Skip to content",
        "intro_title": "What is this?",
        "intro": (
            "An overview of Dutch policy on violence against children as the monitor "
            "Kinderrechten in Beweging describes it: the Veilig Thuis figures, the "
            "recommendations of the UN Committee on the Rights of the Child and every "
            "dated step in policy, parliament and practice. Every fact points to the "
            "section of the monitor it comes from."
        ),
        "intro_offline": "These pages work without an internet connection.",
        "key_figures": "Key figures",
        "in_the_graph": "In the knowledge graph",
        "count_events": "events",
        "count_actors": "actors",
        "count_instruments": "programmes and laws",
        "count_observations": "figures",
        "latest_event": "Latest event",
        "views": "Views",
        "view_network": "Who and what is connected: events, actors, programmes, laws, "
        "recommendations and places.",
        "view_timeline": "Every event over time, by recommendation, programme or actor.",
        "view_participation": "Who took part in {programme}, and how did that change?",
        "view_recommendations": "For each recommendation of the UN Committee on the Rights of "
        "the Child: what happened, who was involved and where it is quiet.",
        "source_named": "Source",
        "findings_title": "The monitor's findings",
        "findings_lead": "How the monitor (and the expert it quotes) judges the state of affairs, "
        "summarised in our own words.",
        "findings_by": "according to {who}",
        "findings": "Findings",
        "period": "Period",
        "area": "Area",
        "footer": "Data: Kinderrechten in Beweging, theme page Violence against children. "
        "Made with kg build on {date}.",
        "data_twin": "Data of this page (JSON)",
        "network_title": "Network",
        "network_lead": "Click a node for details. Drag to pan, scroll to zoom.",
        "search": "Search",
        "search_placeholder": "Name or abbreviation…",
        "no_results": "Nothing found",
        "filters": "Filters",
        "show_types": "Types",
        "recommendation": "Recommendation",
        "all_recommendations": "All recommendations",
        "years": "Years",
        "from": "from",
        "to": "to",
        "focus": "Show its connections only",
        "show_all": "Show all",
        "reset": "Clear filters",
        "visible_count": "{shown} of {total} nodes visible",
        "focused_on": "Neighbourhood of: {label}",
        "summary_note_year_kind": "Large graph: its {events} events are folded by year and kind "
        "into {folds} nodes; all {kept} actors, programmes, laws, "
        "recommendations and places are shown. Click a folded node "
        "for its events.",
        "summary_note_year": "Large graph: its {events} events are folded by year into {folds} "
        "nodes; all {kept} actors, programmes, laws, recommendations and "
        "places are shown. Click a folded node for its events.",
        "summary_expand": "Show all nodes",
        "summary_full_note": "All {total} nodes shown; drawing and filtering are slower.",
        "summary_collapse": "Back to the summary",
        "fold_description": "{n} events folded together",
        "type_event": "Event",
        "type_actor": "Actor",
        "type_instrument": "Programme or law",
        "type_recommendation": "Recommendation",
        "type_place": "Place",
        "details": "Details",
        "details_empty": "Pick a node in the network or search by name.",
        "details_empty_timeline": "Click an event for its description and source.",
        "details_empty_trace": "Click a bar or a row for its occasion and source.",
        "kind": "Kind",
        "date": "Date",
        "status": "Status",
        "description": "Description",
        "actors": "Actors",
        "instruments": "Programmes and laws",
        "recommendations": "Recommendations",
        "places": "Places",
        "events": "Events",
        "section": "Source in the monitor",
        "section_line": "line {line}",
        "abbreviation": "Abbreviation",
        "close": "Close",
        "part_of": "part of",
        "has_part": "includes",
        "role_hasPlace": "place",
        "role_isPartOf": "part of",
        "role_based_on": "based on",
        "date_note": "Note on the date",
        "outcome": "Outcome",
        "timeline_title": "Timeline",
        "timeline_lead": "Every event in the monitor. Vague dates ('autumn 2025') are hatched bars "
        "over the whole period.",
        "lanes": "Group by",
        "lane_recommendation": "Recommendation",
        "lane_programme": "Programme",
        "lane_actor": "Actor",
        "lane_none": "(none)",
        "all_kinds": "All kinds",
        "zoom": "Zoom",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "preset_all": "All",
        "legend": "Legend",
        "legend_exact": "known to the day",
        "legend_approx": "vague date: period",
        "legend_planned": "planned",
        "legend_postponed": "postponed",
        "legend_ongoing": "ongoing",
        "legend_occurred": "occurred",
        "events_shown": "{shown} of {total} events",
        "clusters_note": "{events} events: where it is busy they are folded per month, quarter or "
        "year into a block with their number. Zoom in or pick a year to see them "
        "one by one; click a block for the list.",
        "clustered_month": "folded per month",
        "clustered_quarter": "folded per quarter",
        "clustered_year": "folded per year",
        "clustered_none": "one by one",
        "cluster_count": "{n} events",
        "cluster_zoom": "Zoom in on this period",
        "quarter_label": "Q{n} {year}",
        "participation_title": "Participation in {programme}",
        "participation_lead": "Each actor's stance towards the programme, from first concerns to "
        "withdrawal. A bar runs until a later stance replaced it; an open "
        "end means: still so. Each actor holds one stance on any day; an "
        "actor that did not take part is shown with its position on the "
        "programme.",
        "participation_none": "No participation data found for '{programme}'.",
        "stance": "Stance",
        "since": "Since",
        "until": "Until",
        "until_open": "still",
        "stance_position": "position of an outside actor, not a participant",
        "caused_by": "Occasion",
        "trace_table": "All stances at a glance",
        "actor": "Actor",
        "recommendations_title": "Recommendations of the UN Committee on the Rights of the Child",
        "recommendations_lead": "Concluding observations on the Netherlands (2022), recommendation "
        "22: for each part, the events the monitor lists under it.",
        "flag_since": "Flag recommendations with no event that occurred since",
        "flag": "Nothing happened since {date}",
        "flag_ok": "Activity since {date}",
        "last_activity": "Last activity",
        "no_activity": "none",
        "no_events": "The monitor lists no events here.",
        "event_count": "{n} events",
        "actor_count": "{n} actors",
        "definition": "Recommendation",
        "show_all_events": "Show all {n} events",
        "flagged_count": "{n} of {total} recommendations with no activity since {date}",
        "at_a_glance": "At a glance",
    },
}
for _lang, _more in VIEW_STRINGS.items():
    STRINGS[_lang].update(_more)

MONTHS = {
    "nl": list(MONTHS_NL),
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_SEASONS = {
    "nl": {3: "voorjaar", 6: "zomer", 9: "najaar", 12: "winter"},
    "en": {3: "spring", 6: "summer", 9: "autumn", 12: "winter"},
}
_HALVES = {"nl": ("eerste helft", "tweede helft"), "en": ("first half of", "second half of")}
_QUARTER = {"nl": "{n}e kwartaal {year}", "en": "Q{n} {year}"}
_SINCE = {"nl": "sinds {when}", "en": "since {when}"}


def strings(lang: str) -> dict[str, str]:
    """Return the UI strings of `lang` (nl or en)."""
    if lang not in STRINGS:
        raise ValueError(f"unknown language {lang!r}: use nl or en")
    return STRINGS[lang] | VIEW_STRINGS[lang]


def format_date(day: dt.date | None, lang: str) -> str:
    """Return a day as written in running text: '21 januari 2025', '21 January 2025'."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_when(earliest: dt.date, latest: dt.date, precision: str | None, lang: str) -> str:
    """Return a possibly vague date as people say it: 'najaar 2025', 'second half of 2025'."""
    month = MONTHS[lang][earliest.month - 1]
    if precision == "month":
        return f"{month} {earliest.year}"
    if precision == "season":
        season = _SEASONS[lang].get(earliest.month, month)
        return f"{season} {earliest.year}"
    if precision == "quarter":
        return _QUARTER[lang].format(n=(earliest.month - 1) // 3 + 1, year=earliest.year)
    if precision == "half-year":
        half = _HALVES[lang][0 if earliest.month <= 6 else 1]
        return f"{half} {earliest.year}"
    if precision == "year":
        return str(earliest.year)
    if precision == "open":
        return _SINCE[lang].format(when=f"{month} {earliest.year}")
    if earliest != latest and precision != "day":
        return f"{format_date(earliest, lang)} – {format_date(latest, lang)}"
    return format_date(earliest, lang)


def format_number(value, lang: str) -> str:
    """Return a number with the thousands and decimal marks of `lang`: 62.795 / 62,795."""
    if value is None:
        return ""
    if isinstance(value, Decimal | float) and value == int(value):
        value = int(value)
    text = f"{value:,}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_value(value, lower, upper, unit: str | None, lang: str) -> str:
    """Return an observation's value (or bounds) with its unit: '66.400', '31%', '90.000–127.000'"""
    suffix = {"percent": "%", "percent-change": "%"}.get(unit or "", "")
    if value is not None:
        sign = "+" if unit == "percent-change" and value > 0 else ""
        return f"{sign}{format_number(value, lang)}{suffix}"
    if lower is not None and upper is not None:
        return f"{format_number(lower, lang)}–{format_number(upper, lang)}{suffix}"
    bound = lower if lower is not None else upper
    mark = "≥ " if lower is not None else "≤ "
    return f"{mark}{format_number(bound, lang)}{suffix}" if bound is not None else ""
