"""« Profil de commune » and issue #17: the GP APL 2021 → 2023 and the five professions' lines of a
commune, on the page (Streamlit AppTest) and in the PDF, on the real database."""
from santecarte.domain import profile as P
from santecarte.views.charts import profile_trend_chart
from tests.integration.test_pages import run
from tests.integration.test_profile import make

BEAUVOIR_GP = {"2021": "3,68", "2022": "3,31", "2023": "3,13"}
BEAUVOIR_LINES = {  # profession: (APL of the commune, national mean), with their unit
    "Médecins généralistes": ("3,13 consultations/hab./an", "3,74 consultations/hab./an"),
    "Infirmiers": ("100,25 ETP/100 000 hab.", "156,07 ETP/100 000 hab."),
    "Masseurs-kinésithérapeutes": ("66,49 ETP/100 000 hab.", "111,58 ETP/100 000 hab."),
    "Sages-femmes": ("18,34 ETP/100 000 femmes", "19,72 ETP/100 000 femmes"),
    "Chirurgiens-dentistes": ("36,34 ETP/100 000 hab.", "59,00 ETP/100 000 hab."),
}


def frame_with(at, column):
    return next(f.value for f in at.dataframe if column in f.value.columns)


def plain(text: str) -> str:
    """Narrow and ordinary no-break spaces as spaces (format_fr writes 100 000 with U+202F)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_beauvoir_page_shows_the_gp_trend_and_five_professions(data_dir):
    at = run("pages/profil.py", code="85018")
    trend = frame_with(at, "Territoire").set_index("Territoire")
    assert dict(trend.loc["Beauvoir-sur-Mer"]) == BEAUVOIR_GP
    assert list(trend.index) == ["Beauvoir-sur-Mer", "Vendée (département)", "Pays de la Loire (région)", "France"]
    assert trend.loc["France", "2021"] == "3,81"
    lines = frame_with(at, "Profession").set_index("Profession")
    assert list(lines.columns) == ["Année", "APL de la commune", "Moyenne du département", "Moyenne nationale",
                                   "Rang dans le département"]
    for label, (value, france) in BEAUVOIR_LINES.items():
        assert (plain(lines.loc[label, "APL de la commune"]), plain(lines.loc[label, "Moyenne nationale"])) == (
            value, france), label
    assert lines.loc["Médecins généralistes", "Année"] == "2023" and lines.loc["Infirmiers", "Année"] == "2021"
    assert lines.loc["Médecins généralistes", "Rang dans le département"] == "197e plus basse sur 253"
    captions = " ".join(c.value for c in at.caption)
    assert ("Source : DREES, indicateurs APL 2021 (2023 pour les médecins) ; unités différentes par profession : "
            "jamais comparées entre elles") in captions
    assert "sages-femmes : ETP de sages-femmes accessibles pour 100 000 femmes standardisées" in captions
    assert "DREES, APL aux médecins généralistes 2021, 2022 et 2023" in captions


def test_trend_chart_years_as_categories_unit_and_french_hovers(con):
    p = make(con, "85018")
    fig = profile_trend_chart(p)
    assert [t.name for t in fig.data] == ["Beauvoir-sur-Mer", "Vendée (département)", "Pays de la Loire (région)",
                                          "France"]
    commune = fig.data[0]
    assert list(commune.x) == ["2021", "2022", "2023"] and fig.layout.xaxis.type == "category"
    assert tuple(commune.customdata) == ("3,68", "3,31", "3,13")
    assert "consultations/hab./an" in fig.layout.yaxis.title.text
    assert "consultations/hab./an" in commune.hovertemplate and fig.layout.separators == ", "


def test_paris_has_no_rank_among_its_arrondissements_and_mayotte_no_none(data_dir, con):
    paris = make(con, "75056")
    assert all(line.rank is None for line in paris.professions)
    assert "Rang dans le département" not in P.professions_display(paris).columns
    at = run("pages/profil.py", code="75056")
    lines = frame_with(at, "Profession")
    assert "Rang dans le département" not in lines.columns and len(lines) == 5
    assert any(P.PROFESSIONS_CITY == c.value for c in at.caption)
    mayotte = run("pages/profil.py", code="97601")
    for frame in mayotte.dataframe:
        cells = set(frame.value.astype(str).to_numpy().ravel())
        assert not {"None", "nan", "NaN", "<NA>"} & cells
    lines = frame_with(mayotte, "Profession").set_index("Profession")
    assert lines.loc["Infirmiers", "APL de la commune"] == "pas d'APL publiée"


def test_beauvoir_pdf_holds_the_gp_trend_and_the_professions(con):
    from santecarte.views.report import profile_pdf
    from tests.integration.test_profile import pdf_text

    text = plain(pdf_text(profile_pdf(make(con, "85018"))))
    for year, value in BEAUVOIR_GP.items():
        assert f"APL {year} {value} consultations/hab./an" in text, year  # the « L'essentiel » rows
    assert "Beauvoir-sur-Mer Vendée (département) Pays de la Loire (région) France" in text  # the chart's bars
    assert "3,68 3,21 3,65 3,81 3,31 3,09 3,63 3,79 3,13 2,99 3,53 3,74" in text  # the bars, year by year
    assert "Cinq professions de premier recours" in text
    for row in ("Médecins généralistes (consultations/hab./an) 2023 3,13 2,99 3,74 197e plus basse sur 253",
                "Infirmiers (ETP/100 000 hab.) 2021 100,25 85,84 156,07 224e plus basse sur 251",
                "Masseurs-kinésithérapeutes (ETP/100 000 hab.) 2021 66,49 85,66 111,58",
                "Sages-femmes (ETP/100 000 femmes) 2021 18,34 22,68 19,72",
                "Chirurgiens-dentistes (ETP/100 000 hab.) 2021 36,34 55,21 59,00"):
        assert row in text, row
    assert ("Source : DREES, indicateurs APL 2021 (2023 pour les médecins) ; unités différentes par profession : "
            "jamais comparées entre elles") in text
    assert "APL aux médecins généralistes 2021, 2022 et 2023, en consultations ou visites accessibles" in text
    assert "infirmiers : ETP d'infirmiers de 65 ans et moins accessibles pour 100 000 habitants standardisés" in text


def test_paris_pdf_has_the_professions_without_a_rank(con):
    from santecarte.views.report import profile_pdf
    from tests.integration.test_profile import pdf_text

    text = plain(pdf_text(profile_pdf(make(con, "75056"))))
    assert "Infirmiers (ETP/100 000 hab.) 2021 93,47 93,47 156,07" in text
    assert "Rang dans le département" not in text and "plus basse sur" not in text
    assert "Paris, Lyon et Marseille n'ont pas de rang dans le département" in text


def test_a_year_without_published_apl_is_no_zero_bar_in_the_pdf(con):
    """L'Oie (85165), re-created in 2024, is published in 2023 only: its 2021 and 2022 bars are left
    out, never drawn and labelled « 0,00 »."""
    from santecarte.views.report import profile_pdf
    from tests.integration.test_profile import pdf_text

    oie = make(con, "85165")
    assert oie.trend.set_index(["territoire", "year"])["apl"].isna().sum() == 2
    assert "0,00" not in plain(pdf_text(profile_pdf(oie)))


def test_pdf_trend_chart_names_every_territory_whole_within_the_margins(con):
    """Marseille's long department and region names go over two lines, never cut (« Bouches-du-Rhône
    (départeme.. »), and the legend ends inside the chart's width."""
    from reportlab.lib.units import cm

    from santecarte.views.report import apl_chart, profile_pdf
    from tests.integration.test_profile import pdf_text

    marseille = make(con, "13055")
    text = plain(pdf_text(profile_pdf(marseille)))
    assert ("Marseille Bouches-du-Rhône (département) Provence-Alpes-Côte d'Azur (région) France 0 1 2 3 4 5 "
            "APL 2021 APL 2022 APL 2023 seuil 2,5 (sous-dense) consultations/hab./an") in text
    assert apl_chart(marseille).getBounds()[2] <= 17 * cm
