"""Map of the DREES APL by commune, for a region or a department."""
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from santecarte.indicators import APL_UNIT, SOUS_DENSE, format_fr
from santecarte.maps.choropleth import apl_map
from santecarte.ui import cached_query, choice_from_url, department_outlines, page_setup

OURS = "APL SantéCarte 2023 — calculée sur les lieux d'exercice RPPS"
INDICATORS = {
    "APL 2023": (2023, "apl"),
    "APL 2022": (2022, "apl"),
    "APL 2023 — généralistes de 65 ans ou moins": (2023, "apl_moins65"),
    "APL 2022 — généralistes de 65 ans ou moins": (2022, "apl_moins65"),
    OURS: (2023, "apl_santecarte"),
}
WHOLE_REGION = "Toute la région"

page_setup("Carte de l'APL")
st.title("Accessibilité aux médecins généralistes (APL)")
st.caption(f"Source : DREES, APL 2022 et 2023 — en {APL_UNIT}. Seuils : moins de 2,5 = sous-dense ; "
           "de 2,5 à 4 = zone fragile.")

regions = cached_query("regions")
region_names = dict(zip(regions["code"], regions["nom"]))
c1, c2, c3 = st.columns([2, 2, 3])
region_codes, indicators = list(region_names), list(INDICATORS)
# Widgets start from the link's parameters on the first run, then keep the user's choices.
if "carte_region" not in st.session_state:
    st.session_state.carte_region = choice_from_url("region", region_codes, "52", "Région")
    st.session_state.carte_indicateur = choice_from_url("indicateur", indicators, indicators[0], "Indicateur")
    st.session_state.carte_departement_lien = st.query_params.get("departement")
region = c1.selectbox("Région", region_codes, format_func=region_names.get, key="carte_region")
deps = cached_query("departements", region=region)
dep_names = {WHOLE_REGION: WHOLE_REGION, **{c: f"{c} — {n}" for c, n in zip(deps["code"], deps["nom"])}}
dep_codes = list(dep_names)
if st.session_state.get("carte_departement") not in dep_codes:
    wanted = st.session_state.pop("carte_departement_lien", None)
    if wanted is not None and wanted not in dep_codes:
        choice_from_url("departement", [], WHOLE_REGION, "Département")
    st.session_state.carte_departement = wanted if wanted in dep_codes else ("85" if "85" in dep_names else WHOLE_REGION)
departement = c2.selectbox("Département", dep_codes, format_func=dep_names.get, key="carte_departement")
indicator = c3.selectbox("Indicateur", indicators, key="carte_indicateur")
year, column = INDICATORS[indicator]
# The address bar always holds a link to what is shown.
st.query_params.update(region=region, departement=departement, indicateur=indicator)

level, code = ("region", region) if departement == WHOLE_REGION else ("departement", departement)
rows = cached_query("map_communes", level=level, code=code, year=year)

with st.spinner("Préparation de la carte…"):
    fmap = apl_map(rows, column, indicator, outline=department_outlines(region))
st_folium(fmap, height=620, use_container_width=True, returned_objects=[], key=f"map-{level}-{code}-{indicator}")

missing = rows[rows[column].isna()]
if indicator == OURS:
    computed = rows[column].notna()
    if not computed.any():
        st.info("Notre APL n'est calculée que là où les lieux d'exercice des généralistes sont chargés : "
                "Île-de-France (RPPS, août 2023). Pour cette sélection, seule l'APL de la DREES est disponible.")
    else:
        st.info(f"Notre APL (méthode de la DREES, temps de trajet estimés à vol d'oiseau ; voir « À propos des "
                f"données ») est plus basse qu'en réalité dans les {int((~rows['apl_santecarte_complet'].fillna(True)).sum())} "
                "communes dont le voisinage de 20 minutes sort de la région : l'offre hors région n'est pas chargée.")
elif len(missing):
    st.info(f"{len(missing)} commune(s) sans valeur publiée par la DREES pour {year} (en gris) : "
            + ", ".join(f"{n} ({c})" for n, c in zip(missing["nom"].head(10), missing["code"].head(10)))
            + ("…" if len(missing) > 10 else ""))
st.caption("Paris, Lyon et Marseille sont publiés par arrondissement municipal ; la ville n'est jamais comptée "
           "en plus de ses arrondissements. La DREES ne publie pas d'APL pour Mayotte, absente de la liste des régions.")

st.subheader(f"Chiffres clés — {indicator} (règles de la DREES)")
scopes = [("Sélection", level, code)]
if level == "departement":
    scopes.append((f"Région {region_names[region]}", "region", region))
if column != "apl_santecarte":  # ours exists only where sites are loaded: no national figure
    scopes.append(("France", "france", ""))
summary = []
for label, lvl, cde in scopes:
    s = cached_query("territory_summary", level=lvl, code=cde, year=year, seuil=SOUS_DENSE, indicateur=column).iloc[0]
    if not s["n_communes"]:
        continue
    summary.append({
        "Territoire": label,
        "APL moyenne (pondérée)": format_fr(s["apl_moyen"], 2),
        "Communes sous 2,5": f"{int(s['n_communes_sous_seuil'])} / {int(s['n_communes'])}",
        "Population sous 2,5": format_fr(s["population_sous_seuil"], 0),
        "Part de la population": format_fr(100 * s["population_sous_seuil"] / s["population"], 1) + " %"
        if s["population"] else "—",
    })
if summary:
    st.dataframe(pd.DataFrame(summary), hide_index=True, use_container_width=True)
st.caption("APL moyenne : moyenne des communes pondérée par la population standardisée. Population sous le seuil : "
           f"population totale des communes dont l'{indicator} est inférieure à 2,5 (population de l'année de l'APL).")
