"""« Simulation »: what if GPs leave or arrive, or a permanence opens — the APL recomputed live on
top of the DREES baseline (exact deltas of the engine), before / after / change, the communes
crossing 2.5; presets from the ESCoRTer case; where k more GPs would help most; scenarios saved
as a file or a link."""
import pandas as pd
import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core import config
from santecarte.core.numbers import export_csv_bytes, format_fr, french_table
from santecarte.core.professions import GP, PROFESSIONS
from santecarte.domain import simulation
from santecarte.domain.indicators import APL_SCALE, EVOLUTION_SCALE, SOUS_DENSE_FR
from santecarte.domain.presets import PRESETS
from santecarte.domain.professions import provenance
from santecarte.domain.scenario_file import (
    KINDS,
    MAX_FILE_BYTES,
    YEARS,
    Scenario,
    ScenarioError,
    check,
    editor_steps,
    number_fr,
    read,
)
from santecarte.domain.simulation import (
    OBJECTIVES,
    SIMULATION_SOURCE,
    Engine,
    placement,
    placement_steps,
    run,
    summary,
    territory_codes,
)
from santecarte.domain.travel_notice import times_notice
from santecarte.views.maps.choropleth import choropleth_map
from santecarte.views.maps.show import show_map
from santecarte.views.ui import cached_query, connection, md_escape, page_setup, query
from santecarte.views.upload_widget import french_file_uploader

TERRITORY_KINDS = {"departement": "Département", "cpts": "CPTS", "communes": "Communes choisies"}
# APL as published (2 decimals); changes with 3, as the mean's delta above the map: page and exports alike.
# (A comment, not a docstring: Streamlit's magic would write a bare string on the page.)
APL_DIGITS, DELTA_DIGITS = 2, 3

page_setup("Simulation")
st.title("Simulation : et si… ?")
st.caption("Des médecins partent ou arrivent, une permanence ouvre : l'APL est recalculée aussitôt, à partir de l'APL "
           "publiée par la DREES, avec la méthode de la DREES et les temps de trajet estimés par SantéCarte.")


@st.cache_resource(show_spinner="Préparation du calcul pour toute la France…")
def engine(db_file: str, year: int) -> Engine:
    return simulation.engine(connection(), year)


def load(scenario: Scenario, note: str = "") -> None:
    """Put a scenario (preset, file or link) in the widgets."""
    kind, _, code = scenario.territory.partition(":")
    st.session_state.sim_kind = TERRITORY_KINDS[kind]
    if kind == "communes":
        drawn = query("apl_units_in", codes=code.split(","))
        st.session_state.sim_communes = list(drawn["code"])
        st.session_state.sim_dep = drawn["departement_code"].iloc[0] if len(drawn) else "85"
    else:
        st.session_state["sim_cpts" if kind == "cpts" else "sim_dep"] = code
    st.session_state.sim_year = scenario.year
    st.session_state.sim_name = scenario.name
    st.session_state.sim_rows = [{"commune": s.commune, "type": KINDS[s.kind], "quantity": number_fr(s.quantity),
                                  "declared_fte": "" if s.declared_fte is None else number_fr(s.declared_fte)}
                                 for s in scenario.steps]
    st.session_state.sim_note = note
    st.session_state.sim_editor_version = st.session_state.get("sim_editor_version", 0) + 1


if "sim_rows" not in st.session_state:
    load(Scenario("Scénario", "departement:85", 2023), "")
    if "scenario" in st.query_params:
        try:
            linked = read(st.query_params["scenario"])
            load(linked, "Scénario ouvert depuis le lien. " + PRESETS.get(linked.name, (None, ""))[1])
        except ScenarioError as exc:
            st.error(f"Le scénario du lien n'a pas pu être ouvert : {md_escape(exc)}", icon=":material/error:")

with st.expander("Partir d'un cas réel ou d'un scénario enregistré"):
    p1, p2 = st.columns(2)
    preset = p1.selectbox("Cas réel", ["", *PRESETS], format_func=lambda k: k or "—")
    if p1.button("Charger ce cas", disabled=not preset):
        load(*PRESETS[preset])
        st.rerun()
    with p2:
        upload = french_file_uploader("Scénario enregistré (.json)", ["json"], key="sim_fichier",
                                      max_bytes=MAX_FILE_BYTES)
    if upload is not None and p2.button("Ouvrir ce scénario"):
        try:
            load(read(upload.getvalue()), f"Scénario ouvert depuis « {upload.name[:60]} ».")
            st.rerun()
        except ScenarioError as exc:
            st.error(f"Scénario refusé : {md_escape(exc)}", icon=":material/error:")
if st.session_state.get("sim_note"):
    st.info(md_escape(st.session_state.sim_note), icon=":material/info:")

c1, c2, c3 = st.columns([1, 2, 1])
kind = c1.radio("Territoire", list(TERRITORY_KINDS.values()), key="sim_kind")
if kind in (TERRITORY_KINDS["departement"], TERRITORY_KINDS["communes"]):
    deps = cached_query("all_departements")
    names = dict(zip(deps["code"], deps["code"] + " — " + deps["nom"]))
    code = c2.selectbox("Département", list(names), format_func=names.get, key="sim_dep")
    territory = f"departement:{code}"
    if kind == TERRITORY_KINDS["communes"]:
        options = cached_query("departement_communes", dep=code)
        picked = st.session_state.get("sim_communes", [])
        choices = dict(zip(options["code"], options["nom"] + " (" + options["code"] + ")"))
        choices.update({c: c for c in picked if c not in choices})
        drawn = c2.multiselect("Communes du territoire", list(choices), format_func=choices.get, key="sim_communes",
                               placeholder="Choisir des communes")
        if not drawn:
            st.info("Choisissez les communes du territoire (un projet de CPTS, un bassin…).")
            st.stop()
        territory = "communes:" + ",".join(drawn)
else:
    cpts = cached_query("cpts_list")
    names = dict(zip(cpts["cpts_id"], cpts["nom"] + cpts["perimetre"].map({"partiel": " (périmètre partiel)"}).fillna("")))
    code = c2.selectbox("CPTS", list(names), format_func=names.get, key="sim_cpts")
    territory = f"cpts:{code}"
year = c3.radio("APL de départ (DREES)", list(YEARS), key="sim_year", horizontal=True)
try:
    codes = territory_codes(connection(), territory)
except ScenarioError as exc:
    st.error(md_escape(exc), icon=":material/error:")
    st.stop()
area = cached_query("communes_with_apl", codes=codes)
labels = dict(zip(area["code"], area["nom"] + " (" + area["code"] + ")"))

st.subheader("Changements")
st.caption("Une ligne par changement. Un départ demande le nombre de médecins (ETP) qui exercent dans la commune avant : "
           "SantéCarte ne connaît pas le nombre de généralistes d'une commune (hors Île-de-France, seuls des lieux "
           "d'exercice sont chargés), et l'offre ne peut pas devenir négative.")
edited = st.data_editor(
    pd.DataFrame(st.session_state.sim_rows, columns=["commune", "type", "quantity", "declared_fte"]),
    num_rows="dynamic", width="stretch", key=f"sim_editor_{st.session_state.sim_editor_version}", placeholder="",
    column_config={
        # not `required`: Streamlit would say « Please fill out this cell » in English; a row left
        # incomplete is named in French by editor_steps
        "commune": st.column_config.SelectboxColumn("Commune", options=list(labels), width="large",
                                                    format_func=lambda c: labels.get(c, c)),
        "type": st.column_config.SelectboxColumn("Changement", options=list(KINDS.values())),
        # text, read by editor_steps: « 1,5 » with a decimal comma is shown and typed as in French, and a
        # typed « -5 » is kept as typed and refused by its line (a NumberColumn's min_value clamped it to 5)
        "quantity": st.column_config.TextColumn("Quantité (ETP ou demi-journées)", default="1",
                                                help="Nombre de médecins (ETP), ou de demi-journées par semaine pour "
                                                     "une permanence ; virgule décimale : 1,5."),
        "declared_fte": st.column_config.TextColumn("Médecins (ETP) avant un départ", default="",
                                                         help="Seulement pour un départ : combien de médecins (ETP) "
                                                              "exercent dans la commune avant ; vide sinon."),
    })
rows = edited.dropna(how="all")
steps, problem = [], None
try:
    steps = editor_steps(rows)
    scenario = Scenario(st.session_state.get("sim_name", "Scénario"), territory, year, steps)
    check(scenario, set(codes), row="Ligne")
except ScenarioError as exc:
    problem = str(exc)
if problem:
    st.warning(f"{md_escape(problem)} Le calcul ignore les changements tant que ce n'est pas corrigé.",
               icon=":material/warning:")
    steps = []

eng = engine(str(config.db_path()), year)
result = run(eng, codes, steps)
summary = summary(result)

st.subheader("Résultat")
m1, m2, m3, m4 = st.columns(4)
m1.metric("APL moyenne du territoire", format_fr(summary["apl_after"], APL_DIGITS),
          delta=format_fr(summary["apl_after"] - summary["apl_before"], DELTA_DIGITS) if steps else None,
          help="Moyenne des communes pondérée par la population standardisée (règle de la DREES).")
m2.metric(f"Communes sous {SOUS_DENSE_FR}", f"{summary['under_after']}",
          delta=summary["under_after"] - summary["under_before"] if steps else None, delta_color="inverse")
POPULATION_HELP = (f"Habitants comptés dans la population DREES {year} (celle de l'APL de départ), non la population "
                   "légale en vigueur : les deux diffèrent de quelques pour cent.")
m3.metric(f"Passent au-dessus de {SOUS_DENSE_FR}", f"{format_fr(summary['population_lifted'], 0)} hab.", help=POPULATION_HELP)
m4.metric(f"Passent sous {SOUS_DENSE_FR}", f"{format_fr(summary['population_dropped'], 0)} hab.", help=POPULATION_HELP)
st.caption(f"Communes passant au-dessus de {SOUS_DENSE_FR} : {summary['communes_lifted']} ; passant sous "
           f"{SOUS_DENSE_FR} : "
           f"{summary['communes_dropped']}. Habitants : population DREES {year}.")
if steps:
    st.caption(f"{summary['gaining']} commune(s) gagnent, {summary['losing']} perdent"
               + (f", dont {summary['outside_territory']} hors du territoire" if summary["outside_territory"] else "")
               + f" : un cabinet sert aussi les communes voisines à moins de {MAX_MINUTES_FR} minutes.")
    st.caption(times_notice(connection(), codes))

view = st.segmented_control("Carte", ["Avant", "Après", "Variation"], default="Après", key="sim_carte") or "Après"
shown = area.merge(result[["code", "before", "after", "change"]], on="code", how="left")
column, scale = {"Avant": ("before", APL_SCALE), "Après": ("after", APL_SCALE), "Variation": ("change", EVOLUTION_SCALE)}[view]
title = f"APL {year} — {view.lower()}" if view != "Variation" else "Variation de l'APL"
show_map(choropleth_map(shown, column, title, scale), height=520, use_container_width=True, returned_objects=[],
          key=f"sim-map-{territory}-{view}")

changed = result[result["change"].abs() > 1e-12].sort_values("change")
if len(changed):
    table = changed.assign(territory=changed["in_territory"].map({True: "oui", False: "non (voisine)"}))
    columns = {"nom": "Commune", "code": "Code INSEE", "before": f"APL {year} avant", "after": f"APL {year} après",
               "change": "Variation", "crossing": f"Seuil de {SOUS_DENSE_FR}", "territory": "Dans le territoire",
               "population": f"Population DREES {year}", "pop_std": f"Population standardisée DREES {year}"}
    french = table[list(columns)].rename(columns=columns)
    digits = {f"APL {year} avant": APL_DIGITS, f"APL {year} après": APL_DIGITS, "Variation": DELTA_DIGITS,
              f"Population DREES {year}": 0, f"Population standardisée DREES {year}": 0}
    st.dataframe(french_table(french, digits), hide_index=True, width="stretch")
    st.download_button("Télécharger le résultat (CSV)",
                       export_csv_bytes(french.assign(**provenance(PROFESSIONS[GP], str(year), SIMULATION_SOURCE, french=True)), digits),
                       "santecarte_simulation.csv", "text/csv", on_click="ignore")

named = sorted({s.commune for s in steps})
if named:
    st.markdown("**Ce que l'APL publiée a fait dans ces communes, 2022 → 2023 (DREES)**")
    observed = query("communes_with_apl", codes=named)[["nom", "code", "apl_2022", "apl_2023"]]
    observed["change"] = observed["apl_2023"] - observed["apl_2022"]
    st.dataframe(french_table(observed.rename(columns={"nom": "Commune", "code": "Code INSEE", "apl_2022": "APL 2022",
                                                      "apl_2023": "APL 2023", "change": "Variation publiée"}),
                              {"APL 2022": APL_DIGITS, "APL 2023": APL_DIGITS, "Variation publiée": APL_DIGITS}),
                 hide_index=True, width="stretch")

st.subheader("Enregistrer ce scénario")
if steps:
    saved = Scenario(st.session_state.get("sim_name", "Scénario"), territory, year, steps)
    st.download_button("Télécharger le scénario (.json)", saved.to_json().encode("utf-8"), "scenario_santecarte.json",
                       "application/json", on_click="ignore")
    link = saved.to_url()
    if link:
        st.query_params["scenario"] = link
        st.caption("L'adresse de la page contient ce scénario : copiez-la pour le partager.")
    else:
        st.caption("Scénario trop long pour un lien : partagez le fichier.")
else:
    st.caption("Ajoutez au moins un changement valide pour l'enregistrer.")

st.subheader("Où placer de nouveaux médecins ?")
k1, k2 = st.columns([1, 3])
k = k1.slider("Médecins (ETP) à placer", 1, 10, 3)
objective = k2.radio("Objectif", list(OBJECTIVES), format_func=OBJECTIVES.get)
st.caption("Placement glouton : à chaque étape, la commune du territoire où un médecin de plus (5 400 consultations par "
           "an) améliore le plus l'objectif, compté sur la population du territoire, à partir de l'APL de départ.")
if st.button("Calculer le placement", type="primary"):
    picks = placement(eng, codes, k, objective)
    picks["population_total"] = picks["population_lifted"].cumsum()
    columns = {"step": "Étape", "nom": "Commune", "code": "Code INSEE", "gap_filled": "Écart au seuil comblé (hab. × APL)",
               "population_lifted": f"Habitants passés au-dessus de {SOUS_DENSE_FR}",
               "population_total": "Cumul des habitants"}
    placed_table = picks[list(columns)].rename(columns=columns)
    digits = {"Écart au seuil comblé (hab. × APL)": 1, f"Habitants passés au-dessus de {SOUS_DENSE_FR}": 0,
              "Cumul des habitants": 0}
    st.dataframe(french_table(placed_table, digits), hide_index=True, width="stretch")
    placed = run(eng, codes, placement_steps(picks))
    show_map(choropleth_map(area.merge(placed[["code", "change"]], on="code", how="left"), "change",
                             "Gain d'APL du placement", EVOLUTION_SCALE), height=420, use_container_width=True,
              returned_objects=[], key=f"sim-placement-{territory}")
    st.caption(times_notice(connection(), codes))
    st.download_button("Télécharger le placement (CSV)",
                       export_csv_bytes(placed_table.assign(**provenance(PROFESSIONS[GP], str(year), SIMULATION_SOURCE, french=True)),
                                        digits), "santecarte_placement.csv", "text/csv", on_click="ignore")
