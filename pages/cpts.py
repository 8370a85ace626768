"""« Couverture CPTS »: CPTS perimeters and « zones blanches » where the data has them (PACA),
and a Rézone-CPTS-like card for any territory of France (communes picked or a file)."""
import streamlit as st

from santecarte.core.files import UploadError
from santecarte.core.numbers import format_fr
from santecarte.domain.cpts import (
    PROFESSIONS_TITLE,
    card_display,
    coverage_display,
    perimeter_card,
    place_of,
    professions_caption,
    professions_display,
)
from santecarte.domain.indicators import SOUS_DENSE_FR
from santecarte.domain.uploads import perimeter_codes
from santecarte.views.charts import CONFIG as CHART_CONFIG
from santecarte.views.charts import cpts_comparison_chart
from santecarte.views.maps.cpts import cpts_map
from santecarte.views.maps.show import clicked
from santecarte.views.ui import cached_query, choice_from_url, connection, md_escape, page_setup, warn_bad_link
from santecarte.views.upload_widget import french_file_uploader

DEFAULT_REGION = "93"

page_setup("Couverture CPTS")
st.title("Couverture CPTS")
st.caption("CPTS : communautés professionnelles territoriales de santé. Source des périmètres : ARS Provence-Alpes-"
           "Côte d'Azur (liste de janvier 2026) ; ailleurs, trois périmètres partiels relevés dans des documents publics.")


def show_card(codes: list[str], title: str, name: str) -> None:
    """The card of a perimeter; `name` labels its row and first bar (the CPTS, the file…)."""
    place = place_of(connection(), codes)
    table, facts = perimeter_card(connection(), codes, name, place)
    with st.container(border=True):
        st.text(title)  # plain text: a file name or a CPTS name is never read as markup
        if place.note:
            st.caption(place.note)
        c1, c2, c3 = st.columns(3)
        c1.metric("Communes", facts["n_communes"])
        c2.metric("Population", format_fr(facts["population"], 0))
        c3.metric("APL moyenne 2023 (médecins généralistes)", format_fr(table.loc[0, "apl_moyen"], 2))
        st.plotly_chart(cpts_comparison_chart(table), width="stretch", config=CHART_CONFIG)
        st.dataframe(card_display(table), hide_index=True, width="stretch")
        st.caption("Graphique et tableau ci-dessus : médecins généralistes (consultations par habitant standardisé "
                   "et par an). APL moyenne : moyenne des communes pondérée par la population standardisée. Part sous "
                   f"{SOUS_DENSE_FR} : population totale des communes dont l'APL est sous {SOUS_DENSE_FR}, en % de la "
                   "population (règles de la DREES).")
        st.markdown(f"**{PROFESSIONS_TITLE}**")
        # a static table: its cells wrap, so the five rows and their units fit the card's width;
        # st.table reads markdown, so the perimeter's name (a file's name) is escaped in its header
        st.table(professions_display(connection(), codes, name, place).rename(columns={name: md_escape(name)}),
                 hide_index=True)
        st.caption(professions_caption())


tab_map, tab_diag = st.tabs(["Carte des CPTS", "Diagnostic d'un territoire"])
cpts = cached_query("cpts_list")

with tab_map:
    regions = cached_query("regions")
    names = dict(zip(regions["code"], regions["nom"]))
    # Region and CPTS start from the link's parameters on the first run, then keep the user's choices;
    # the address always names what is shown, so it can be shared.
    if "cpts_region" not in st.session_state:
        linked = st.query_params.get("cpts")
        region_of = dict(zip(cpts["cpts_id"], cpts["region_code"]))
        default = DEFAULT_REGION if DEFAULT_REGION in names else next(iter(names))
        if "region" not in st.query_params and region_of.get(linked) in names:
            default = region_of[linked]  # a link naming only the CPTS opens its region
        st.session_state.cpts_region = choice_from_url("region", list(names), default, "Région inconnue")
        st.session_state.cpts_lien = linked
    region = st.selectbox("Région", list(names), format_func=names.get, key="cpts_region")
    perimeters = cached_query("cpts_perimeters", region=region)
    if perimeters.empty or not (cpts["region_code"] == region).any():
        wanted = st.session_state.pop("cpts_lien", None)
        if wanted is not None:
            warn_bad_link(wanted, "CPTS inconnue")
        st.query_params.pop("cpts", None)
        st.query_params["region"] = region
        st.warning(f"Aucun périmètre de CPTS n'est disponible pour la région {names[region]} dans les données ouvertes "
                   "rassemblées : seule la région Provence-Alpes-Côte d'Azur publie la liste de ses CPTS avec leurs "
                   "communes. Pour étudier un territoire, utilisez l'onglet « Diagnostic d'un territoire ».")
    else:
        communes = cached_query("region_communes_outline", region=region)
        picked = clicked(cpts_map(communes, perimeters), "cpts_id", height=600, use_container_width=True,
                         key=f"cpts-{region}")
        st.caption("Cliquez une CPTS sur la carte pour afficher sa fiche plus bas.")
        if picked and picked != st.session_state.get("cpts_clic"):  # a new click, not the last one repeated
            st.session_state.cpts_clic = st.session_state.cpts_choisie = picked
        st.subheader("Couverture par département")
        st.dataframe(coverage_display(cached_query("cpts_coverage", region=region)), hide_index=True, width="stretch")
        st.caption("Marseille est comptée par arrondissement (le 1er n'est dans aucune CPTS). Nice et Toulon sont "
                   "partagées entre plusieurs CPTS sans clé infracommunale : elles sont dessinées dans chacune, et leur "
                   "population n'est comptée qu'une fois dans les totaux.")
        st.subheader("Fiche d'une CPTS")
        here = cpts[cpts["region_code"] == region]
        ids = list(here["cpts_id"])
        if st.session_state.get("cpts_choisie") not in ids:
            wanted = st.session_state.pop("cpts_lien", None)
            if wanted is not None and wanted not in ids:
                warn_bad_link(wanted, "CPTS inconnue")
            st.session_state.cpts_choisie = wanted if wanted in ids else ids[0]
        chosen = st.selectbox("CPTS", ids, format_func=dict(zip(here["cpts_id"], here["nom"])).get, key="cpts_choisie")
        st.query_params.update(region=region, cpts=chosen)  # the address is a link to this card
        row = here.set_index("cpts_id").loc[chosen]
        if row["partage"]:
            st.info("Cette CPTS couvre une partie d'une commune partagée avec d'autres CPTS (Nice ou Toulon) : "
                    "la commune entière est comptée dans sa fiche.")
        show_card(list(row["codes"]), row["nom"], row["nom"])

with tab_diag:
    st.markdown("Choisissez les communes d'un territoire (projet de CPTS, bassin, contrat local de santé), ou "
                "déposez un fichier : CSV d'une colonne de codes INSEE (séparateur `;` ou `,`), ou GeoJSON du périmètre.")
    presets = cpts[cpts["region_code"].isna()]
    preset = st.selectbox("Partir d'un périmètre connu (facultatif)", ["", *presets["cpts_id"]],
                          format_func=lambda k: dict(zip(presets["cpts_id"], presets["nom"] + " — périmètre "
                                                         + presets["perimetre"])).get(k, "—"))
    upload = french_file_uploader("Fichier du périmètre", ["csv", "txt", "geojson", "json"], key="cpts_fichier")
    deps = cached_query("all_departements")
    dep = st.selectbox("Département des communes à choisir", deps["code"],
                       format_func=dict(zip(deps["code"], deps["code"] + " — " + deps["nom"])).get,
                       index=int((deps["code"] == "85").idxmax()))
    options = cached_query("departement_communes", dep=dep)
    label = dict(zip(options["code"], options["nom"] + " (" + options["code"] + ")"))
    picked = st.multiselect("Communes", list(options["code"]), format_func=label.get, placeholder="Choisir des communes")

    codes, title, name = [], "", ""
    if upload is not None:
        try:
            codes, notes = perimeter_codes(connection(), upload.getvalue(), upload.name)
            title, name = f"Périmètre du fichier « {upload.name[:60]} »", f"Fichier « {upload.name[:40]} »"
            for note in notes:
                st.warning(md_escape(note), icon=":material/warning:")
        except UploadError as exc:
            st.error(f"Fichier refusé : {md_escape(exc)}", icon=":material/error:")
    elif preset:
        row = presets.set_index("cpts_id").loc[preset]
        codes, title, name = list(row["codes"]), f"{row['nom']} (périmètre {row['perimetre']})", row["nom"]
        st.info(f"Périmètre {row['perimetre']} : {row['source'][:300]}")
    elif picked:
        codes, title, name = picked, f"{len(picked)} commune(s) choisie(s)", "Communes choisies"
    if codes:
        show_card(codes, title, name)
