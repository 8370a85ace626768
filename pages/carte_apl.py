"""Map of the DREES APL by commune, for a region or a department."""
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from santecarte.indicators import APL_UNIT, SOUS_DENSE, format_fr
from santecarte.maps.choropleth import apl_map
from santecarte.ui import cached_query, choice_from_url, department_outlines, page_setup

INDICATORS = {
    "APL 2023": (2023, "apl"),
    "APL 2022": (2022, "apl"),
    "APL 2023 — généralistes de 65 ans ou moins": (2023, "apl_moins65"),
    "APL 2022 — généralistes de 65 ans ou moins": (2022, "apl_moins65"),
}
WHOLE_REGION = "Toute la région"

page_setup("Carte de l'APL")
st.title("Accessibilité aux médecins généralistes (APL)")
st.caption(f"Source : DREES, APL 2022 et 2023 — en {APL_UNIT}. Seuils : moins de 2,5 = sous-dense ; "
           "de 2,5 à 4 = zone fragile.")

regions = cached_query("regions")
region_names = dict(zip(regions["code"], regions["nom"]))
c1, c2, c3 = st.columns([2, 2, 3])
region_codes = list(region_names)
region_default = choice_from_url("region", region_codes, "52" if "52" in region_names else region_codes[0], "Région")
region = c1.selectbox("Région", region_codes, format_func=region_names.get, index=region_codes.index(region_default))
deps = cached_query("departements", region=region)
dep_names = {WHOLE_REGION: WHOLE_REGION, **{c: f"{c} — {n}" for c, n in zip(deps["code"], deps["nom"])}}
dep_codes = list(dep_names)
if "departement" in st.query_params and st.query_params.get("region", region) == region:
    dep_default = choice_from_url("departement", dep_codes, WHOLE_REGION, "Département")
else:
    dep_default = "85" if "85" in dep_names else WHOLE_REGION
departement = c2.selectbox("Département", dep_codes, format_func=dep_names.get, index=dep_codes.index(dep_default))
indicators = list(INDICATORS)
indicator = c3.selectbox("Indicateur", indicators,
                         index=indicators.index(choice_from_url("indicateur", indicators, indicators[0], "Indicateur")))
year, column = INDICATORS[indicator]
# The address bar always holds a link to what is shown.
st.query_params.update(region=region, departement=departement, indicateur=indicator)

level, code = ("region", region) if departement == WHOLE_REGION else ("departement", departement)
rows = cached_query("map_communes", level=level, code=code, year=year)

with st.spinner("Préparation de la carte…"):
    fmap = apl_map(rows, column, indicator, outline=department_outlines(region))
st_folium(fmap, height=620, use_container_width=True, returned_objects=[], key=f"map-{level}-{code}-{indicator}")

missing = rows[rows[column].isna()]
if len(missing):
    st.info(f"{len(missing)} commune(s) sans valeur publiée par la DREES pour {year} (en gris) : "
            + ", ".join(f"{n} ({c})" for n, c in zip(missing["nom"].head(10), missing["code"].head(10)))
            + ("…" if len(missing) > 10 else ""))
st.caption("Paris, Lyon et Marseille sont publiés par arrondissement municipal ; la ville n'est jamais comptée "
           "en plus de ses arrondissements. La DREES ne publie pas d'APL pour Mayotte, absente de la liste des régions.")

st.subheader("Chiffres clés (règles de la DREES)")
scopes = [("Sélection", level, code)]
if level == "departement":
    scopes.append((f"Région {region_names[region]}", "region", region))
scopes.append(("France", "france", ""))
summary = []
for label, lvl, cde in scopes:
    s = cached_query("territory_summary", level=lvl, code=cde, year=year, seuil=SOUS_DENSE).iloc[0]
    summary.append({
        "Territoire": label,
        "APL moyenne (pondérée)": format_fr(s["apl_moyen"], 2),
        "Communes sous 2,5": f"{int(s['n_communes_sous_seuil'])} / {int(s['n_communes'])}",
        "Population sous 2,5": format_fr(s["population_sous_seuil"], 0),
        "Part de la population": format_fr(100 * s["population_sous_seuil"] / s["population"], 1) + " %"
        if s["population"] else "—",
    })
st.dataframe(pd.DataFrame(summary), hide_index=True, use_container_width=True)
st.caption("APL moyenne : moyenne des communes pondérée par la population standardisée. Population sous le seuil : "
           f"population totale des communes dont l'{indicator} est inférieure à 2,5 (population de l'année de l'APL).")
