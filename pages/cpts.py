"""« Couverture CPTS »: CPTS perimeters and « zones blanches » where the data has them (PACA),
and a Rézone-CPTS-like card for any territory of France (communes picked or a file)."""
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from santecarte.cpts import comparison_chart, perimeter_card
from santecarte.indicators import format_fr
from santecarte.maps.cpts import cpts_map
from santecarte.ui import cached_query, connection, md_escape, page_setup
from santecarte.uploads import UploadError, perimeter_codes

page_setup("Couverture CPTS")
st.title("Couverture CPTS")
st.caption("CPTS : communautés professionnelles territoriales de santé. Source des périmètres : ARS Provence-Alpes-"
           "Côte d'Azur (liste de janvier 2026) ; ailleurs, trois périmètres partiels relevés dans des documents publics.")


def show_card(codes: list[str], title: str) -> None:
    table, facts = perimeter_card(connection(), codes)
    with st.container(border=True):
        st.text(title)  # plain text: a file name or a CPTS name is never read as markup
        c1, c2, c3 = st.columns(3)
        c1.metric("Communes", facts["n_communes"])
        c2.metric("Population", format_fr(facts["population"], 0))
        c3.metric("APL moyenne 2023", format_fr(table.loc[0, "apl_moyen"], 2))
        st.plotly_chart(comparison_chart(table), width="stretch")
        st.dataframe(table.assign(apl_moyen=table["apl_moyen"].map(lambda v: format_fr(v, 2)),
                                  part_sous_seuil=table["part_sous_seuil"].map(lambda v: format_fr(100 * v, 1) + " %"))
                     .rename(columns={"territoire": "Territoire", "apl_moyen": "APL moyenne 2023",
                                      "part_sous_seuil": "Population sous 2,5"}),
                     hide_index=True, width="stretch")


tab_map, tab_diag = st.tabs(["Carte des CPTS", "Diagnostic d'un territoire"])
cpts = cached_query("cpts_list")

with tab_map:
    regions = cached_query("regions")
    names = dict(zip(regions["code"], regions["nom"]))
    region = st.selectbox("Région", list(names), format_func=names.get,
                          index=list(names).index("93") if "93" in names else 0)
    perimeters = cached_query("cpts_perimeters", region=region)
    if perimeters.empty or not (cpts["region_code"] == region).any():
        st.warning(f"Aucun périmètre de CPTS n'est disponible pour la région {names[region]} dans les données ouvertes "
                   "rassemblées : seule la région Provence-Alpes-Côte d'Azur publie la liste de ses CPTS avec leurs "
                   "communes. Pour étudier un territoire, utilisez l'onglet « Diagnostic d'un territoire ».")
    else:
        communes = cached_query("region_communes_outline", region=region)
        st_folium(cpts_map(communes, perimeters), height=600, use_container_width=True, returned_objects=[],
                  key=f"cpts-{region}")
        coverage = cached_query("cpts_coverage", region=region)
        total = coverage[["n_communes", "n_couvertes", "population", "population_couverte"]].sum()
        st.subheader("Couverture par département")
        st.dataframe(pd.concat([coverage, pd.DataFrame([{"departement_code": "", "nom": "Région", **total}])])
                     .assign(part=lambda d: (100 * d["population_couverte"] / d["population"]).map(
                         lambda v: format_fr(v, 1) + " %"))
                     .rename(columns={"departement_code": "Code", "nom": "Département", "n_communes": "Communes",
                                      "n_couvertes": "Communes couvertes", "population": "Population",
                                      "population_couverte": "Population couverte", "part": "Part couverte"}),
                     hide_index=True, width="stretch")
        st.caption("Marseille est comptée par arrondissement (le 1er n'est dans aucune CPTS). Nice et Toulon sont "
                   "partagées entre plusieurs CPTS sans clé infracommunale : elles sont dessinées dans chacune, et leur "
                   "population n'est comptée qu'une fois dans les totaux.")
        st.subheader("Fiche d'une CPTS")
        here = cpts[cpts["region_code"] == region]
        chosen = st.selectbox("CPTS", here["cpts_id"], format_func=dict(zip(here["cpts_id"], here["nom"])).get)
        row = here.set_index("cpts_id").loc[chosen]
        if row["partage"]:
            st.info("Cette CPTS couvre une partie d'une commune partagée avec d'autres CPTS (Nice ou Toulon) : "
                    "la commune entière est comptée dans sa fiche.")
        show_card(list(row["codes"]), row["nom"])

with tab_diag:
    st.markdown("Choisissez les communes d'un territoire (projet de CPTS, bassin, contrat local de santé), ou "
                "déposez un fichier : CSV d'une colonne de codes INSEE (séparateur `;` ou `,`), ou GeoJSON du périmètre.")
    presets = cpts[cpts["region_code"].isna()]
    preset = st.selectbox("Partir d'un périmètre connu (facultatif)", ["", *presets["cpts_id"]],
                          format_func=lambda k: dict(zip(presets["cpts_id"], presets["nom"] + " — périmètre "
                                                         + presets["perimetre"])).get(k, "—"))
    upload = st.file_uploader("Fichier du périmètre", type=["csv", "txt", "geojson", "json"])
    deps = cached_query("all_departements")
    dep = st.selectbox("Département des communes à choisir", deps["code"],
                       format_func=dict(zip(deps["code"], deps["code"] + " — " + deps["nom"])).get,
                       index=int((deps["code"] == "85").idxmax()))
    options = cached_query("departement_communes", dep=dep)
    label = dict(zip(options["code"], options["nom"] + " (" + options["code"] + ")"))
    picked = st.multiselect("Communes", list(options["code"]), format_func=label.get, placeholder="Choisir des communes")

    codes, title = [], ""
    if upload is not None:
        try:
            codes, notes = perimeter_codes(connection(), upload.getvalue(), upload.name)
            title = f"Périmètre du fichier « {upload.name[:60]} »"
            for note in notes:
                st.warning(md_escape(note), icon=":material/warning:")
        except UploadError as exc:
            st.error(f"Fichier refusé : {md_escape(exc)}", icon=":material/error:")
    elif preset:
        row = presets.set_index("cpts_id").loc[preset]
        codes, title = list(row["codes"]), f"{row['nom']} (périmètre {row['perimetre']})"
        st.info(f"Périmètre {row['perimetre']} : {row['source'][:300]}")
    elif picked:
        codes, title = picked, f"{len(picked)} commune(s) choisie(s)"
    if codes:
        show_card(codes, title)
