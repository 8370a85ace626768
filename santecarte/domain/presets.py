"""Scenarios from real events, ready to load on the Simulation page: the departures in the north-west
of Vendée at the end of 2022 and the ESCoRTer permanences of 2024 (sources in each note)."""
from __future__ import annotations

from santecarte.domain.scenario_file import Scenario, Step

ESCORTER_SOURCE = ("Préfecture de la Vendée, « Découvrez le Projet CNR Santé ESCoRTer », 14 mai 2024 : départ de sept "
                   "médecins généralistes fin 2022 ; près de 2 000 patients de plus de 16 ans sans médecin traitant "
                   "sur 7 communes, dont 260 en ALD ; permanence à Beauvoir-sur-Mer (juin 2024), Froidfond (fin "
                   "2024), La Barre-de-Monts (2026).")
LVO = "cpts:SEED-01"
PRESETS = {
    "Départ de 7 médecins, nord-ouest vendéen (fin 2022)": (
        Scenario("Départ de 7 médecins, nord-ouest vendéen (fin 2022)", LVO, 2022,
                 [Step("85018", "depart", 3, 3), Step("85012", "depart", 2, 2), Step("85095", "depart", 2, 2)]),
        "Hypothèses : les documents citent Beauvoir-sur-Mer, La Barre-de-Monts et Froidfond parmi les 7 communes "
        "touchées, sans dire où exerçaient les 7 médecins partis ; le préréglage les répartit entre ces trois communes "
        "(3, 2 et 2 ETP) et suppose qu'il y exerçait au moins ce nombre de médecins. Ajoutez les autres communes si "
        "vous les connaissez. Base : APL DREES 2022 (avant les départs), à comparer à l'APL 2023 publiée. Territoire : "
        "CPTS Loire Vendée Océan, périmètre partiel (16 communes du contrat local de santé). Source : " + ESCORTER_SOURCE),
    "Permanence ESCoRTer": (
        Scenario("Permanence ESCoRTer", LVO, 2023,
                 [Step("85018", "permanence", 2), Step("85095", "permanence", 2), Step("85012", "permanence", 2)]),
        "Hypothèses : une permanence de 2 demi-journées par semaine dans chacune des trois communes (les documents ne "
        "donnent pas le nombre de demi-journées : ajustez-le) ; chaque demi-journée vaut 1/10 d'un médecin à temps "
        "plein (5 400 consultations par an, valeur de la DREES). L'infirmier en pratique avancée et l'assistant médical "
        "ne sont pas comptés. Base : APL DREES 2023. Territoire : CPTS Loire Vendée Océan, périmètre partiel. "
        "Source : " + ESCORTER_SOURCE),
}
