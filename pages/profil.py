"""« Profil de commune »: one page an elected official can read, print and bring to a council
meeting — population and need, access to GPs against department, region and France, the supply
around, zonage and CPTS, neighbours within 20 minutes — and the same as a PDF."""
import folium
import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core import config
from santecarte.core.codes import departement_of
from santecarte.core.numbers import format_fr, french_table
from santecarte.domain.indicators import apl_change, evolution_delta
from santecarte.domain.installation import msp_display
from santecarte.domain.profile import (
    APL_MEANING,
    CITY_RANKS,
    NO_NEIGHBOUR,
    POPULATION_LABEL,
    PROFESSIONS_CITY,
    PROFESSIONS_READING,
    PROFESSIONS_UNITS,
    SOURCES,
    SOUS_DENSE_MEANING,
    UnknownCommune,
    build,
    commune_code,
    neighbours_display,
    population_note,
    professions_display,
    rank_reading,
    rank_sentences,
    trend_display,
)
from santecarte.views.charts import CONFIG as CHART_CONFIG
from santecarte.views.charts import profile_rank_chart, profile_trend_chart
from santecarte.views.maps.choropleth import choropleth_map
from santecarte.views.maps.show import show_map
from santecarte.views.report import profile_pdf
from santecarte.views.ui import cached_query, commune_picker, connection, page_setup, warn_bad_link

CHART_WIDTH = 680  # px: the charts and the map fit an A4 portrait page when printed from the browser


def pdf_key(p) -> tuple:
    """What the PDF of a profile depends on beyond the database: its commune, its zonage (a
    visitor's private import, a publication) and its travel times (a road matrix given or not)."""
    return str(config.db_path()), p.code, tuple(p.notices), p.zonage, p.zonage_reliability, p.times_notice


@st.cache_data(max_entries=64, show_spinner=False)
def pdf_of(key: tuple, _p) -> bytes:
    """The profile's PDF (≈ 0,05 s), made once per `pdf_key` and shared by the sessions."""
    return profile_pdf(_p)


page_setup("Profil de commune")
# Printed from the browser: the profile alone, full width (no menu, search box or buttons); the
# tables as static HTML with every row (st.dataframe is a canvas with its own scroll).
st.html("""<style>
.sc-print-only {display: none;}
.sc-print-only table {border-collapse: collapse; width: 100%; font-size: 0.8rem;}
.sc-print-only th, .sc-print-only td {border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: left;}
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, [data-testid="stTextInput"],
  [data-testid="stSelectbox"], [data-testid="stDownloadButton"], [data-testid="stExpander"],
  [data-testid="stDataFrame"], [data-testid="stToolbar"], [data-testid="stElementToolbar"] {display: none !important;}
  .sc-print-only {display: block;}
  iframe {max-width: 100% !important;}  /* the map's frame keeps the screen's width otherwise */
  [data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 0 0.5rem !important;}
  [data-testid="stMain"] {margin-left: 0 !important;}
  tr {break-inside: avoid;}
}</style>""")


def table(df, digits=None):
    """A table on screen (st.dataframe) and, in print only, the same rows as static HTML."""
    shown = french_table(df, digits)
    st.dataframe(shown, hide_index=True, width="stretch")
    st.html(f'<div class="sc-print-only">{shown.to_html(index=False, escape=True, border=0)}</div>')

st.title("Profil de commune")
st.caption("La situation d'une commune face à l'accès aux médecins généralistes, comparée à son département, sa région "
           "et la France, à imprimer ou télécharger en PDF.")
with st.expander("Comprendre l'APL et le seuil « sous-dense »"):
    st.markdown(f"{APL_MEANING}\n\n{SOUS_DENSE_MEANING}")

if "elu_lien" not in st.session_state:  # first run: the link's commune, a former code mapped to today's
    st.session_state.elu_lien = ("", [])
    linked = st.query_params.get("code", "")
    if linked:
        try:
            code, notices = commune_code(connection(), linked)
            st.session_state.elu_lien = (code, notices)
            st.session_state.elu_texte = code
        except UnknownCommune:
            warn_bad_link(linked, "Commune inconnue")

code = commune_picker("elu", "Commune (nom, code postal ou code INSEE)", apl_only=False)
if code is None:
    st.stop()
st.query_params.update(code=code)
linked_code, linked_notices = st.session_state.elu_lien
p = build(connection(), code, linked_notices if code == linked_code else [],
          rows=cached_query("territory_communes", level="departement", code=departement_of(code)),
          private=st.session_state.get("zonage_prive"))

st.header(f"{p.nom} ({p.code})")
st.markdown(f"{p.departement} ({p.departement_code}) · {p.region}")
for notice in p.notices:
    st.info(notice, icon=":material/info:")
# bytes, ready when the button is drawn (a deferred file was sometimes lost after another download)
st.download_button("Télécharger le profil (PDF)", pdf_of(pdf_key(p), p), f"profil_{p.code}.pdf", "application/pdf",
                   type="primary", icon=":material/picture_as_pdf:", on_click="ignore")

st.subheader("Population et besoin de soins")
c1, c2 = st.columns(2)
c1.metric(POPULATION_LABEL, format_fr(p.population, 0),
          help="La population officielle de la commune. L'APL et la simulation utilisent la population DREES de "
               "l'année de l'APL (voir ci-dessous).")
c2.metric("Indice de besoin", format_fr(p.besoin, 2),
          help="Population standardisée par l'âge ÷ population : 1 = moyenne nationale ; au-dessus, une population plus "
               "âgée qui consulte davantage.")
st.caption(population_note(p))
st.caption(f"Sources : {SOURCES['population']} ; {SOURCES['besoin']}.")

st.subheader("Accès aux médecins généralistes")
if p.has_apl:
    a1, a2 = st.columns(2)
    a1.metric("APL 2023", format_fr(p.apl[2023], 2), delta=evolution_delta(apl_change(p.apl)))
    a2.metric("APL 2022", format_fr(p.apl[2022], 2))
    st.markdown("**L'APL de 2021 à 2023** : la commune, son département, sa région et la France")
    st.plotly_chart(profile_trend_chart(p).update_layout(width=CHART_WIDTH), width="content", config=CHART_CONFIG)
    table(trend_display(p))
    st.caption(f"APL aux médecins généralistes, en consultations ou visites accessibles par habitant standardisé et "
               f"par an. Source : {SOURCES['apl_trend']}.")
    st.markdown("**Où se situe la commune** : part des communes dont l'APL est plus basse")
    st.plotly_chart(profile_rank_chart(p).update_layout(width=CHART_WIDTH), width="content", config=CHART_CONFIG)
    for sentence in rank_sentences(p):
        st.markdown(f"- {sentence}")
    st.caption(rank_reading(p))
    if p.is_city:
        st.caption(CITY_RANKS)
    st.caption(f"Source : {SOURCES['apl']}. Département, région, France : moyenne des communes pondérée par leur "
               "population standardisée (règle de la DREES).")
else:
    st.warning("Pas d'APL publiée pour cette commune : pas de comparaison possible.")

st.subheader("Médecins généralistes")
if p.gp_sites is not None:
    st.markdown(f"Lieux d'exercice de généralistes dans la commune : **{format_fr(p.gp_sites, 0)}**.")
else:
    st.markdown("Lieux d'exercice des généralistes : non chargés pour cette région (seule l'Île-de-France l'est).")
for r in p.gp_density.itertuples():
    st.markdown(f"Département : **{format_fr(r.pour_10000, 1)}** généralistes pour 10 000 habitants ({r.source}).")
st.caption(f"Sources : {SOURCES['gp_sites']} ; RPPS avril 2025 et BPE 2024 pour le département (non comparables entre eux).")

st.subheader("Cinq professions de premier recours")
st.markdown("L'APL de chaque profession, dans son unité, face au département et à la France.")
table(professions_display(p))
st.caption(f"Source : {SOURCES['professions']}.")
st.caption(PROFESSIONS_UNITS)
st.caption(PROFESSIONS_CITY if p.is_city else PROFESSIONS_READING)

st.subheader("Zonage et CPTS")
z1, z2 = st.columns(2)
z1.markdown(f"**Zonage médecins** : {p.zonage}")
z1.caption("Officiel : arrêté de l'ARS (données ouvertes en PACA seulement, ou import d'un agent de l'ARS). Indicatif : "
           "calculé par SantéCarte d'après l'APL, sans valeur réglementaire.")
if p.zonage_reliability:
    z1.caption(p.zonage_reliability)
z2.markdown(f"**CPTS** : {p.cpts or 'aucune connue dans les données'}")
z2.caption(f"Source : {SOURCES['cpts']}.")

st.subheader("Maisons et centres de santé à proximité")
if p.msp.empty:
    st.markdown("Aucun dans le FINESS de janvier 2021.")
else:
    msp = msp_display(p.msp)
    if p.is_city:  # no travel time inside the city: listed by arrondissement
        msp = msp.drop(columns="Minutes (estimées)")
    table(msp, {"Minutes (estimées)": 0} if not p.is_city else {})
st.caption(f"Source : {SOURCES['msp']} ; " + ("dans la ville, par arrondissement (pas de temps de trajet à "
                                              "l'intérieur de la ville)." if p.is_city else
                                              f"à moins de {MAX_MINUTES_FR} minutes, les plus proches d'abord.")
           + " Centres dentaires, infirmiers… exclus.")

st.subheader("Ses arrondissements" if p.is_city else f"Communes à moins de {MAX_MINUTES_FR} minutes")
area = p.area.dropna(subset=["geometry"])
if len(area):
    fmap = choropleth_map(area, "apl_2023", "APL 2023", outline=p.outline())
    fmap.get_root().header.add_child(folium.Element(
        "<style>@media print {.leaflet-control-zoom {display: none !important;}}</style>"))
    # a width that fits A4 portrait: Leaflet places the polygons for the width drawn on screen
    show_map(fmap, height=420, width=CHART_WIDTH, returned_objects=[], key=f"profil-{p.code}")
neighbours = p.neighbours
if neighbours.empty:
    st.markdown(NO_NEIGHBOUR)
else:
    table(neighbours_display(p))
if p.is_city:
    st.caption("Les arrondissements de la ville, dans l'ordre de leur numéro (pas de temps de trajet : ils forment la "
               "ville). APL DREES 2022 et 2023.")
else:
    st.caption(("Les plus proches d'abord. " if len(neighbours) else "") + f"Source : {SOURCES['apl']}."
               + (" « — » : pas d'APL publiée (la DREES n'en publie pas pour Mayotte)."
                  if p.departement_code == "976" else ""))
    st.caption(p.times_notice)
