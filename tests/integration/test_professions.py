"""The five professions of a commune, a perimeter and France, by the app's own queries (issue #17)."""
import pytest

from santecarte.domain import professions as P
from santecarte.domain.nurse_zonage import unit_classes


def test_beauvoir_gp_trend_and_the_france_means_of_the_drees_files(con):
    trend = P.gp_trend(con, ["85018"], "85", "Vendée", "52", "Pays de la Loire", "Beauvoir-sur-Mer")
    mine = trend[trend["territoire"] == "Beauvoir-sur-Mer"].set_index("year")["apl"]
    assert mine.round(3).to_dict() == {2021: 3.678, 2022: 3.311, 2023: 3.13}
    france = trend[trend["territoire"] == "France"].set_index("year")["apl"]
    assert (round(france[2021], 3), round(france[2023], 3)) == (3.811, 3.745)
    lines = {line.profession.key: line for line in P.commune_lines(con, ["85018"], "85", "52")}
    assert {k: round(v.france_mean, 2) for k, v in lines.items()} == {
        "medecin_generaliste": 3.74, "infirmier": 156.07, "masseur_kinesitherapeute": 111.58, "sage_femme": 19.72,
        "chirurgien_dentiste": 59.00}
    assert lines["infirmier"].value == pytest.approx(100.249)
    assert lines["medecin_generaliste"].rank_text == "197e plus basse sur 253"


def test_paris_is_the_weighted_mean_of_its_arrondissements_without_a_rank(con):
    units = [f"751{i:02d}" for i in range(1, 21)]
    lines = P.commune_lines(con, units, "75", "11", rank_among_units=False)
    assert all(line.rank is None for line in lines)
    assert lines[0].value == pytest.approx(lines[0].departement_mean)


def test_nurse_classes_of_a_commune(con):
    assert unit_classes(con, ["01010", "01001"], "01") == {"01010": 2, "01001": 4}


def test_tied_ranks_say_so(con):
    """Abriès-Ristolas (05001) has no midwife within reach, like 17 other communes of the Hautes-Alpes:
    « 1re plus basse » alone would read as the single worst."""
    lines = {line.profession.key: line for line in P.commune_lines(con, ["05001"], "05", "93")}
    assert lines["sage_femme"].rank_text == "1re plus basse ex aequo avec 17 autres sur 162"
