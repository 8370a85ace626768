"""« Territoires sous-dotés »: a choropleth by commune (or by department for the whole of
France), headline figures by DREES rules, a ranking table with filters and exports."""
import pandas as pd
import streamlit as st

from santecarte.core import config
from santecarte.core.numbers import format_fr
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain.communes import (
    commune_table,
    export_csv,
    export_geojson,
    filter_options,
    filter_table,
    gp_density_text,
    indicator_notice,
    ranking_columns,
    ranking_display,
    sort_table,
    with_changes,
    with_profession,
)
from santecarte.domain.indicators import (
    APL_UNIT,
    INDICATOR_BY_LABEL,
    INDICATORS,
    QUINTILE_ENDS,
    SOUS_DENSE_FR,
    SUMMARY_SOURCES,
    evolution_delta,
    headline_table,
    profession_indicator,
)
from santecarte.domain.professions import caption as profession_caption
from santecarte.domain.professions import headline as profession_headline
from santecarte.domain.professions import (
    latest_year,
    national_statement,
    quintile_bounds,
    quintile_bounds_of,
    quintile_class,
)
from santecarte.views.maps.choropleth import METROPOLE_BOUNDS, choropleth_map
from santecarte.views.maps.show import clicked
from santecarte.views.ui import (
    cached_call,
    cached_query,
    choice_from_url,
    commune_picker,
    departement_outlines,
    page_setup,
    warn_bad_link,
)

FRANCE = "FR"
WHOLE_REGION = "Toute la région"
ALL = "Tous"


@st.cache_data(max_entries=32, show_spinner=False)
def exports(key: tuple, _ranked: pd.DataFrame, _profession, by_departement: bool) -> tuple[bytes, bytes]:
    """CSV and GeoJSON of the ranking shown (of departments on the France view), made once per
    database, profession, territory, filters and sort (`key`): a click on the map or another
    visitor's same view reuses them."""
    return export_csv(_ranked, _profession, by_departement), export_geojson(_ranked, _profession, by_departement)


page_setup("Territoires sous-dotés")
st.title("Territoires sous-dotés")

regions = cached_query("regions")
region_names = {FRANCE: "France entière (par département)", **dict(zip(regions["code"], regions["nom"]))}
region_codes, labels = list(region_names), [i.label for i in INDICATORS]
shown_commune = st.session_state.pop("carte_commune_a_montrer", None)
if shown_commune:  # picked in the search under the map: its department, centred on it (once: the user may move on)
    where = cached_query("commune_identity", code=shown_commune).iloc[0]
    st.session_state.carte_region, st.session_state.carte_departement = where["region_code"], where["departement_code"]
    st.session_state.pop("carte_departement_lien", None)
    st.session_state.carte_focus = shown_commune
c0, c1, c2, c3 = st.columns([2, 2, 2, 3])
# Widgets start from the link's parameters on the first run, then keep the user's choices.
if "carte_region" not in st.session_state:
    st.session_state.carte_region = choice_from_url("region", region_codes, "52", "Région inconnue")
    st.session_state.carte_indicateur_gp = choice_from_url("indicateur", labels, labels[0], "Indicateur inconnu")
    st.session_state.carte_departement_lien = st.query_params.get("departement")
    st.session_state.carte_profession = choice_from_url("profession", list(PROFESSIONS), GP, "Profession inconnue")
profession = PROFESSIONS[c0.selectbox("Profession", list(PROFESSIONS), format_func=lambda k: PROFESSIONS[k].label,
                                      key="carte_profession")]
gp = profession.key == GP
region = c1.selectbox("Région", region_codes, format_func=region_names.get, key="carte_region")
deps = cached_query("departements", region=region)
dep_names = {WHOLE_REGION: "Tous les départements" if region == FRANCE else WHOLE_REGION,
             **{c: f"{c} — {n}" for c, n in zip(deps["code"], deps["nom"])}}
dep_codes = list(dep_names)
if st.session_state.get("carte_departement") not in dep_codes:
    wanted = st.session_state.pop("carte_departement_lien", None)
    if wanted is not None and wanted not in dep_codes and region != FRANCE:
        warn_bad_link(wanted, "Département inconnu")
    st.session_state.carte_departement = wanted if wanted in dep_codes else ("85" if "85" in dep_names else WHOLE_REGION)
departement = c2.selectbox("Département", dep_codes, format_func=dep_names.get, key="carte_departement",
                           disabled=region == FRANCE)
year = latest_year(profession)
if gp:
    # A widget not drawn in a run (another profession shown) loses its state: set it again from the
    # choice kept aside, before the widget, so that the browser shows it too.
    if "carte_indicateur" not in st.session_state:
        st.session_state.carte_indicateur = st.session_state.carte_indicateur_gp
    label = c3.selectbox("Indicateur", labels, key="carte_indicateur")
    st.session_state.carte_indicateur_gp = label
    indicator = INDICATOR_BY_LABEL[label]
    st.caption(f"APL aux médecins généralistes : DREES, 2021, 2022 et 2023, en {APL_UNIT}. Seuils : moins de "
               f"{SOUS_DENSE_FR} = sous-dense ; de {SOUS_DENSE_FR} à 4 = zone fragile. Cliquez une commune pour son "
               "détail.")
st.query_params.update(region=region, departement=departement, profession=profession.key)  # the address is a link
if gp:
    st.query_params.update(indicateur=label)
else:  # a GP indicator means nothing for another profession: not in its link
    st.query_params.pop("indicateur", None)

if region == FRANCE:
    level, code = "france", ""
    table = with_changes(cached_query("departement_indicators"))
    if not gp:
        table = with_profession(table, cached_query("departement_apl", profession=profession.key, year=year,
                                                    scope=profession.main_scope))
    outline = None
else:
    level, code = ("region", region) if departement == WHOLE_REGION else ("departement", departement)
    table = commune_table(cached_query("territory_communes", level=level, code=code))
    if not gp:
        table = with_profession(table, cached_query("apl_values", level=level, code=code, profession=profession.key,
                                                    year=year, scope=profession.main_scope))
    outline = departement_outlines(region)
if not gp:  # one indicator: the profession's APL in national quintiles (no threshold of its own)
    of = "départements" if level == "france" else "communes"
    bounds = (quintile_bounds_of(table["apl_profession"]) if level == "france"
              else cached_call(quintile_bounds, p=profession))
    indicator = profession_indicator(profession, year, bounds, of)
    label = c3.selectbox("Indicateur", [indicator.label], key=f"carte_indicateur_{profession.key}")
    st.caption(profession_caption(profession, year) + f". Couleurs : quintiles des {of} de France. Cliquez "
               + ("un département" if level == "france" else "une commune") + " pour son détail.")

with st.spinner("Préparation de la carte…"):
    focus = st.session_state.get("carte_focus") if st.session_state.get("carte_focus") in set(table["code"]) else None
    fmap = choropleth_map(table, indicator.column, label, indicator.scale, outline=outline,
                          bounds=METROPOLE_BOUNDS if level == "france" else None, focus=focus,
                          by_departement=level == "france",
                          tooltip_title=None if gp else f"APL {year} ({profession.unit_short})")
picked = clicked(fmap, "code", height=620, use_container_width=True,
                 key=f"map-{level}-{code}-{profession.key}-{indicator.column}-{focus}") or focus
st.caption(f"Source : {indicator.source}. Paris, Lyon et Marseille sont publiés par arrondissement ; la ville "
           "n'est jamais comptée en plus de ses arrondissements. La DREES ne publie pas d'APL pour Mayotte."
           + (" Outre-mer : déplacez la carte ou choisissez la région." if level == "france" else ""))
# Under the map, so the map is sent first: a pick shows the commune through a rerun.
with st.expander("Chercher une commune sur la carte", expanded=bool(st.session_state.get("carte_commune_texte"))):
    searched = commune_picker("carte_commune", "Commune (nom, code postal ou code INSEE)", hint=False)
if searched and searched != st.session_state.get("carte_commune_cherchee"):
    st.session_state.carte_commune_cherchee = st.session_state.carte_commune_a_montrer = searched
    st.rerun()

notice = indicator_notice(table, indicator.column, level)
if notice:
    st.info(notice)

if picked and picked in set(table["code"]):
    row = table.set_index("code").loc[picked]
    with st.container(border=True):
        st.markdown(f"**{row['nom']}**" if level == "france" else f"**{row['nom']}** ({picked})")
        extra = gp and indicator.column not in ("apl_2023", "apl_santecarte", "population", "besoin", "sites_10k")
        if extra:  # the figure the map shows, when the card below does not hold it
            st.metric(label, format_fr(row.get(indicator.column), indicator.scale.digits))
        cols = st.columns(3 if not gp else 5)  # three wide columns: a metric cuts a long value (« 107,05 E… »)
        if not gp:
            value = row.get("apl_profession")
            cols[0].metric(f"APL {year} — {profession.label.lower()} ({profession.unit_short})",
                           format_fr(value, profession.decimals))
            fifth = quintile_class(value, bounds)  # among communes, or departments on the France map
            cols[1].metric("Place en France", "—" if fifth is None else f"{'1er' if fifth == 1 else f'{fifth}e'} quintile sur 5",
                           help=f"1er quintile : {QUINTILE_ENDS[of][0]} ; 5e : {QUINTILE_ENDS[of][1]}.")
            cols[2].metric("Population", format_fr(row.get("population"), 0))
        else:
            cols[0].metric("APL 2023 (DREES)", format_fr(row.get("apl_2023"), 2),
                           delta=evolution_delta(row.get("evolution")))
            cols[1].metric("APL SantéCarte 2023", format_fr(row.get("apl_santecarte"), 2),
                           help="Notre calcul, là où les lieux d'exercice sont chargés (Île-de-France) ; sinon —.")
            cols[2].metric("Population", format_fr(row.get("population"), 0))
            cols[3].metric("Indice de besoin", format_fr(row.get("besoin"), 2))
            cols[4].metric("Lieux pour 10 000 hab.", format_fr(row.get("sites_10k"), 1),
                           help="Lieux d'exercice de généralistes (RPPS, août 2023) : chargés pour l'Île-de-France "
                                "seulement ; ailleurs —.")

if not gp:
    st.subheader(f"Chiffres clés — {label} (règles de la DREES)")
    headline = cached_call(profession_headline, p=profession, level=level, code=code, region=region,
                           region_name=region_names[region])
    if len(headline):
        st.dataframe(headline, hide_index=True, width="stretch")
    st.caption(cached_call(national_statement, p=profession, of=of))
elif indicator.column in SUMMARY_SOURCES:
    st.subheader(f"Chiffres clés — {label} (règles de la DREES)")
    headline = cached_call(headline_table, column=indicator.column, level=level, code=code, region=region,
                           region_name=region_names[region])
    if len(headline):
        st.dataframe(headline, hide_index=True, width="stretch")
    st.caption("APL moyenne : moyenne des communes pondérée par la population standardisée. Population sous le "
               f"seuil : population totale des communes sous {SOUS_DENSE_FR} (population de l'année de l'APL).")
    st.caption(cached_call(national_statement, p=profession, year=indicator.year,
                           scope="moins65" if indicator.column.startswith("apl65") else "tous"))
if level == "departement" and gp:
    st.caption(gp_density_text(cached_query("departement_gp_density", dep=code)))

st.subheader("Classement des communes" if level != "france" else "Classement des départements")
ranked = table
if level != "france":
    f1, f2, f3, f4 = st.columns(4)
    options = filter_options(table)
    dep_options = [departement] if level == "departement" else [ALL, *options["departement"]]
    dep_filter = f1.selectbox("Département", dep_options, disabled=level == "departement",
                              format_func=lambda c: dep_names.get(c, c), key=f"classement_dep_{level}_{code}",
                              help="Le département choisi au-dessus." if level == "departement" else None)
    epci = f2.selectbox("EPCI", [ALL, *options["epci"]])
    bassin = f3.selectbox("Bassin de vie", [ALL, *options["bassin_vie"]])
    cpts = f4.selectbox("CPTS", [ALL, *options["cpts"]], disabled=not options["cpts"],
                        help=None if options["cpts"] else "Aucun périmètre de CPTS n'est connu dans cette sélection.")
    pick = lambda v: None if v == ALL else v  # noqa: E731
    ranked = filter_table(table, pick(dep_filter), pick(epci), pick(bassin), pick(cpts))
shown = ranking_columns(level, indicator.column, label, gp)
s1, s2 = st.columns([2, 1])
sort_by = s1.selectbox("Trier par", list(shown), format_func=shown.get, index=list(shown).index(indicator.column),
                       help="Le tableau et son export CSV suivent ce tri.")
ascending = s2.radio("Ordre", ["croissant", "décroissant"], horizontal=True) == "croissant"
ranked = sort_table(ranked, sort_by, ascending)
st.dataframe(ranking_display(ranked, shown), hide_index=True, width="stretch", height=360)
d1, d2, d3 = st.columns(3)
name = f"santecarte_{level}_{code}_{profession.key}_{indicator.column}" if level != "france" else \
    f"santecarte_departements_{profession.key}_{indicator.column}"
# bytes, ready when the buttons are drawn: a deferred file was sometimes lost after another download
filters = (dep_filter, epci, bassin, cpts) if level != "france" else ()
csv, geojson = exports((str(config.db_path()), profession.key, level, code, *filters, sort_by, ascending), ranked,
                       profession, by_departement=level == "france")
d1.download_button("Télécharger le tableau (CSV)" if level != "france" else "Télécharger les départements (CSV)",
                   csv, f"{name}.csv", "text/csv",
                   help="Dans l'ordre du tableau, chiffres arrondis comme à l'écran.", on_click="ignore")
d2.download_button("Télécharger la carte (GeoJSON)", geojson, f"{name}.geojson", "application/geo+json",
                   on_click="ignore")
france_export = f"carte_export_france_{profession.key}"
if d3.button(f"Préparer l'export de toute la France (CSV) — {profession.label.lower()}",
             help="Toutes les communes, environ 35 000 lignes."):
    everywhere = commune_table(cached_query("territory_communes", level="france", code=""))
    if not gp:
        everywhere = with_profession(everywhere, cached_query("apl_values", level="france", code="",
                                                              profession=profession.key, year=year,
                                                              scope=profession.main_scope))
    st.session_state[france_export] = export_csv(everywhere, profession)
if france_export in st.session_state:
    d3.download_button(f"Télécharger toutes les communes de France (CSV) — {profession.label.lower()}",
                       st.session_state[france_export], f"santecarte_france_communes_{profession.key}.csv", "text/csv",
                       on_click="ignore")
