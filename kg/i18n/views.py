"""The strings of the views' keyboard paths, twins, legends and answers (nl, en); kg.i18n
merges them with the site's (kept apart so that neither module grows past what one can read
at once)."""

from __future__ import annotations

VIEW_STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "chart": "grafiek",
        "event": "Gebeurtenis",
        "more_about": "Meer over {label}",
        "timeline_keys": "Pijltjes links en rechts kiezen de vorige of volgende gebeurtenis, Home "
        "en End de eerste of laatste; Enter gaat naar de details. De tabel onder "
        "de tijdlijn bevat dezelfde gebeurtenissen.",
        "network_keys": "Pijltjestoetsen gaan naar de dichtstbijzijnde knoop in die richting; "
        "Enter gaat naar de details, Escape heft de keuze op. De lijst onder het "
        "netwerk bevat dezelfde knopen.",
        "twin_events": "De gebeurtenissen als tabel",
        "twin_nodes": "De knopen als lijst",
        "twin_nodes_lead": "Kies een knoop: de details tonen zijn verbindingen.",
        "connections_count": "{n} verbindingen",
        "legend_size": "Groter: meer verbindingen",
        "legend_dashed": "Gestippelde rand: gepland of uitgesteld",
        "legend_link": "Lijn: een gebeurtenis en wie of wat erbij betrokken is",
        "legend_wide": "Dikkere lijn: meer gebeurtenissen samen",
        "unconnected_count": "Zonder verbindingen ({n})",
        "save_png": "Opslaan als PNG",
        "answer_title": "Het antwoord",
        "answer_sentence": "{actor}: {stance} op {when}",
        "answer_source": "bron: {section}, regel {line}",
        "answer_link": "Wie trok zich terug uit het {programme}, en wanneer? Lees het antwoord",
    },
    "en": {
        "chart": "chart",
        "event": "Event",
        "more_about": "More about {label}",
        "timeline_keys": "Left and right arrows choose the previous or next event, Home and End "
        "the first or last; Enter goes to the details. The table below the "
        "timeline holds the same events.",
        "network_keys": "Arrow keys go to the nearest node in that direction; Enter goes to the "
        "details, Escape clears the choice. The list below the network holds the "
        "same nodes.",
        "twin_events": "The events as a table",
        "twin_nodes": "The nodes as a list",
        "twin_nodes_lead": "Choose a node: the details show its connections.",
        "connections_count": "{n} connections",
        "legend_size": "Larger: more connections",
        "legend_dashed": "Dashed border: planned or postponed",
        "legend_link": "Line: an event and who or what it involves",
        "legend_wide": "Thicker line: more events together",
        "unconnected_count": "Without connections ({n})",
        "save_png": "Save as PNG",
        "answer_title": "The answer",
        "answer_sentence": "{actor}: {stance} on {when}",
        "answer_source": "source: {section}, line {line}",
        "answer_link": "Who withdrew from the {programme}, and when? Read the answer",
    },
}
