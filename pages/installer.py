"""« S'installer »: for students, locums and doctors choosing where to practise — the zonage,
the national aids a doctor's situation opens there, the maisons de santé within 20 minutes, the APL and
the living area of a commune; a comparison of 2 to 4 communes; an ARS officer's zonage import
(private to the session until an editor publishes it). For nurses (?metier=infirmier): their
national conventional zonage, what its class means, their APL and the department's map."""
import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core.files import UploadError
from santecarte.core.numbers import format_fr
from santecarte.domain import nurse_zonage, userdata
from santecarte.domain.aids import SITUATIONS, load_catalogue
from santecarte.domain.indicators import APL_UNIT, SOUS_DENSE_FR, evolution_delta
from santecarte.domain.installation import (
    MSP_SOURCE,
    commune_facts,
    comparison,
    departement_table,
    imports_display,
    msp_display,
    qpv_display,
    qpv_notice,
    zonage_export,
    zonage_statut_text,
    zonage_text,
)
from santecarte.domain.profile import UnknownCommune, commune_code
from santecarte.domain.zonage import (
    INDICATIVE,
    INDICATIVE_SOURCE,
    private_import,
    read_import,
    remove_import,
    save_import,
    source_text,
)
from santecarte.domain.zonage_agreement import indicative_agreement
from santecarte.views.editor_ui import NEED_EDITOR, editor_box
from santecarte.views.maps.nurse_zonage import nurse_zonage_map
from santecarte.views.maps.show import clicked
from santecarte.views.maps.zonage import zonage_map
from santecarte.views.ui import (
    cached_call,
    cached_query,
    choice_from_url,
    commune_picker,
    connection,
    md_escape,
    page_setup,
    query,
    warn_bad_link,
)
from santecarte.views.upload_widget import french_file_uploader

MAX_COMPARED = 4
VIEWS = ["Fiche de la commune", "Carte du zonage", "Comparer des communes", "Zonage officiel (ARS)"]
STORE_ERROR = ("L'enregistrement a échoué (base des données importées indisponible) : rien n'a été modifié. "
               "Réessayez ; si cela persiste, prévenez l'administrateur du serveur.")

page_setup("S'installer")
st.title("S'installer")
# The doctors' view is the default (no `metier` in the link); ?metier=infirmier opens the nurses'.
METIERS = {"medecin": "Je suis médecin ou futur·e médecin", "infirmier": "Je suis infirmier·e"}
if "metier" not in st.session_state:
    st.session_state.metier = choice_from_url("metier", list(METIERS), "medecin", "Métier inconnu")
metier = st.radio("Votre métier", list(METIERS), format_func=METIERS.get, horizontal=True, key="metier")
if metier == "infirmier":
    st.caption("Pour les infirmier·es qui cherchent où exercer en libéral : le zonage conventionnel des infirmiers "
               "d'une commune, ce qu'il permet (conventionnement, contrats incitatifs), l'accès aux infirmiers et la "
               "carte du département.")
else:
    st.query_params.pop("metier", None)
    st.caption("Pour les étudiant·es, internes, remplaçant·es et médecins généralistes qui cherchent où exercer : le "
               "zonage, les aides nationales, les maisons de santé proches et l'accès aux soins d'une commune.")


@st.cache_data(show_spinner=False)
def catalogue():
    return load_catalogue()


def forget_private_import() -> None:
    """The visitor's own import leaves the session (published, or given up)."""
    for key in ("zonage_prive", "zonage_prive_fichier"):
        st.session_state.pop(key, None)


def facts_of(code: str):
    dep = cached_query("commune_identity", code=code).iloc[0]["departement_code"]
    rows = cached_query("territory_communes", level="departement", code=dep)
    table = departement_table(connection(), dep, rows, private=st.session_state.get("zonage_prive"))
    return table, commune_facts(connection(), table, code)


# « profil » stays the word of shared links (?profil=remplacant); in code it is the doctor's situation.
if "profil" not in st.session_state:
    st.session_state.profil = choice_from_url("profil", list(SITUATIONS), "installation", "Profil inconnu")
    linked = st.query_params.get("code", "")
    # The codes the profile accepts (current or former INSEE code); Paris, Lyon, Marseille give
    # the choice of their arrondissements (the search lists them, with a notice).
    try:
        linked, notices = commune_code(connection(), linked) if linked else ("", [])
        for notice in notices:
            st.info(notice, icon=":material/info:")
    except UnknownCommune:
        warn_bad_link(linked, "Commune inconnue")
        linked = ""
    st.session_state.commune_texte = linked


def show_commune(code: str) -> None:
    """A commune clicked on a map becomes the one the page shows (its sheet, or the nurses' view)."""
    st.session_state.commune_texte = st.session_state.commune_choix = code
    st.session_state.vue = VIEWS[0]


def clicked_card(code: str, name: str, text: str) -> None:
    """Under a zonage map: the commune clicked, what the map says of it, and a way to its sheet."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(name)}** ({code}) — {text}")
        st.button(f"Afficher {name[:60]}", key=f"voir_{code}", on_click=show_commune, args=(code,),
                  icon=":material/arrow_forward:")


def nurse_view() -> None:
    """The nurses' view: the class of the chosen commune, what it means, the nurses' APL, the map."""
    code = commune_picker("commune", "Commune")
    st.query_params["metier"] = "infirmier"
    if not code:
        return
    st.query_params["code"] = code
    facts = cached_call(nurse_zonage.commune_facts, code=code)
    if facts is None:
        st.warning("Commune introuvable dans les données : choisissez-en une autre.", icon=":material/warning:")
        return
    st.subheader(f"{facts.nom} ({facts.code})")
    if facts.is_city:
        st.markdown(f"**Zonage infirmiers : une classe par arrondissement** ({facts.city} n'en a pas pour la ville "
                    "entière).")
    else:
        st.markdown(f"### {nurse_zonage.headline(facts.classe)}")
        if facts.classe is None:
            st.info(nurse_zonage.NO_CLASS, icon=":material/info:")
        else:
            title, text = nurse_zonage.MEANING[facts.classe]
            with st.container(border=True):
                st.markdown(f"**{title}**")
                st.markdown(text)
    if facts.is_city:
        with st.container(border=True):
            for k, (title, text) in nurse_zonage.MEANING.items():
                st.markdown(f"**{nurse_zonage.class_text(k).capitalize()} — {title}.** {text}")
    st.caption(f"Textes : {nurse_zonage.TEXTS}. {nurse_zonage.CHECK}")
    if not facts.units.empty:
        st.markdown(f"**{facts.city} : le zonage infirmiers de ses arrondissements**")
        st.dataframe(nurse_zonage.units_display(facts.units), hide_index=True, width="stretch")

    st.markdown("#### Accès aux infirmiers")
    for column, (label, value) in zip(st.columns(3), nurse_zonage.apl_texts(facts.apl).items()):
        column.metric(label, value)
    st.caption(nurse_zonage.apl_caption(facts.apl) + ". Pas de seuil officiel : comparez à la moyenne nationale.")

    st.markdown(f"#### Carte du zonage infirmiers — {facts.departement}")
    rows = cached_call(nurse_zonage.departement_classes, dep=facts.departement_code)
    chosen = list(facts.units["code"]) if facts.is_city else [facts.code]
    with st.spinner("Préparation de la carte…"):
        fmap = nurse_zonage_map(rows, chosen=chosen)
    picked = clicked(fmap, "code", height=600, use_container_width=True,
                     key=f"zonage-infirmiers-{facts.departement_code}")
    if picked and picked not in chosen and picked in set(rows["code"]):
        other = rows.set_index("code").loc[picked]
        clicked_card(picked, other["nom"], "Zonage infirmiers : "
                     + nurse_zonage.class_text(nurse_zonage.classe_of(other["classe"])))
    st.caption(f"Source : {nurse_zonage.SOURCE}.")
    st.download_button("Télécharger le zonage infirmiers du département (CSV)",
                       cached_call(nurse_zonage.departement_export, dep=facts.departement_code),
                       f"santecarte_zonage_infirmiers_{facts.departement_code}.csv", "text/csv", on_click="ignore")


if metier == "infirmier":
    # The doctors' widgets are not drawn here: keep their state for the way back.
    for key in ("profil", "vue", "commune_texte", "commune_choix", "comparer_texte"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    nurse_view()
    st.stop()

situation = st.radio("Vous êtes", list(SITUATIONS), format_func=SITUATIONS.get, horizontal=True, key="profil")

# Widgets of a view not shown lose their state: keep the searches across views.
for key in ("commune_texte", "commune_choix", "comparer_texte"):
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]
# One view at a time (not st.tabs): a map drawn in a hidden tab gets no height, and the views
# that are not shown cost nothing.
view = st.segmented_control("Vue", VIEWS, default=VIEWS[0], key="vue", label_visibility="collapsed") or VIEWS[0]
code = facts = None
if view in VIEWS[:2]:
    code = commune_picker("commune", "Commune")
    if code:
        st.query_params.update(profil=situation, code=code)
        table, facts = facts_of(code)
        if facts is None:  # e.g. the Cantal communes re-created in 2025: no contour, no APL published yet
            st.warning("Cette commune n'a ni contour ni APL dans les données ouvertes rassemblées (commune créée ou "
                       "rétablie récemment) : sa fiche ne peut pas être établie.", icon=":material/warning:")
        else:
            row = facts.row

agreement = indicative_agreement(connection(), userdata.imported_zonage()) if facts is not None or view == VIEWS[2] \
    else None

if view == VIEWS[0] and facts is not None:
    st.subheader(f"{row['nom']} ({row['code']})")
    z1, z2 = st.columns([1, 2])
    has_zonage, indicative_zonage = facts.has_zonage, facts.indicative_zonage
    z1.metric(f"Zonage médecins — {zonage_statut_text(row)}" if has_zonage else "Zonage médecins",
              row["zonage"] if has_zonage else "non connu")
    if not has_zonage:
        z2.info("Ni zonage officiel ni zonage indicatif pour cette commune : le zonage officiel n'est publié en données "
                "ouvertes qu'en PACA, et SantéCarte ne peut pas calculer de zonage indicatif sans APL publiée par la "
                "DREES" + (" (elle n'en publie pas pour Mayotte)" if row["departement_code"] == "976" else "")
                + ". Seul l'arrêté de l'ARS fait foi : renseignez-vous auprès d'elle.", icon=":material/info:")
    else:
        z2.caption(f"Source du zonage : {md_escape(row['zonage_source'])}.")
    if indicative_zonage:
        z2.warning("Zonage indicatif, non réglementaire : la commune n'a pas de zonage officiel dans les données "
                   "(seule la région PACA le publie en données ouvertes). Seul l'arrêté de l'ARS fait foi.",
                   icon=":material/info:")
        if agreement is not None:
            z2.caption(agreement.sentence())
    if row["zonage"] == "non ZIP":
        z2.info("La source dit seulement « hors ZIP » : la commune peut être en ZAC ou hors zonage. Les aides "
                "réservées aux ZAC sont donc indiquées « à vérifier ».")
    if not facts.qpv.empty:
        st.markdown("**Quartiers prioritaires (QPV) et leur zonage**")
        if notice := qpv_notice(facts.qpv):
            st.caption(notice)
        st.dataframe(qpv_display(facts.qpv), hide_index=True, width="stretch")

    st.markdown(f"#### Aides nationales — {SITUATIONS[situation]}")
    claimable = facts.aids(situation, catalogue())
    if not has_zonage:
        st.info("Sans zonage connu pour cette commune, les aides liées au zonage ne peuvent pas être indiquées.")
    elif not claimable:
        st.info(f"Aucune aide nationale du catalogue pour ce profil dans une commune « {row['zonage']} ».")
    if indicative_zonage and claimable:
        st.caption(f"Ces aides dépendent du zonage officiel : elles ne valent que si l'ARS classe la commune en "
                   f"{row['zonage']}, ce que le zonage indicatif ne garantit pas.")
    for aid, certain in claimable:
        with st.container(border=True):
            st.markdown(f"**{aid.name}** — {aid.amount}{facts.aid_condition(certain)}")
            st.markdown(f"{aid.conditions} Versée par : {aid.funder}.")
            st.caption(f"Texte : {aid.legal_text} — « {aid.quote} » — [source officielle]({aid.url}) — "
                       f"vérifié le {aid.checked_on.strftime('%d/%m/%Y')}")
    st.info("Vérifiez auprès de l'ARS et de la CPAM avant de vous engager : montants et conditions évoluent, et les "
            "aides des régions, départements et communes ne sont pas listées ici.", icon=":material/verified:")

    st.markdown("#### Accès aux médecins généralistes")
    a1, a2, a3 = st.columns(3)
    a1.metric("APL 2023", format_fr(row["apl_2023"], 2), delta=evolution_delta(row["evolution"]))
    a2.metric("APL 2022", format_fr(row["apl_2022"], 2))
    a3.metric("APL 2023, généralistes de 65 ans ou moins", format_fr(row["apl65_2023"], 2))
    st.caption(f"APL : DREES, en {APL_UNIT}. Sous {SOUS_DENSE_FR} : sous-dense ; de {SOUS_DENSE_FR} à 4 : fragile.")

    st.markdown("#### Le territoire de vie")
    t1, t2, t3 = st.columns(3)
    t1.metric("Population", format_fr(row["population"], 0))
    t2.metric("Indice de besoin", format_fr(row["besoin"], 2),
              help="Population standardisée par l'âge ÷ population (DREES 2023) : au-dessus de 1, une population "
                   "plus âgée qui consulte davantage.")
    if facts.prefecture:
        t3.metric("Distance à la préfecture", f"{format_fr(facts.prefecture[1], 0)} km",
                  help=f"À vol d'oiseau, jusqu'à {facts.prefecture[0]}.")
    st.markdown(f"Bassin de vie : **{row['bassin_vie_nom'] if isinstance(row['bassin_vie_nom'], str) else '—'}** · "
                f"EPCI : **{row['epci_nom'] if isinstance(row['epci_nom'], str) else '—'}**")

    st.markdown(f"#### Maisons et centres de santé à moins de {MAX_MINUTES_FR} minutes")
    if facts.msp.empty:
        st.info(f"Aucune maison ou centre de santé de médecine générale à moins de {MAX_MINUTES_FR} minutes dans le "
                "FINESS de 2021.")
    else:
        st.dataframe(msp_display(facts.msp), hide_index=True, width="stretch")
    st.caption(f"{MSP_SOURCE}. Centres dentaires, infirmiers, ophtalmologiques… exclus.")
    st.caption(facts.times_notice)

if view == VIEWS[1] and facts is not None:
    msp = query("msp_gp_layer", codes=list(table["code"]))
    with st.spinner("Préparation de la carte…"):
        fmap = zonage_map(table, msp, chosen=code)
    picked = clicked(fmap, "code", height=600, use_container_width=True, key=f"zonage-{row['departement_code']}")
    if picked and picked != code and picked in set(table["code"]):
        other = table.set_index("code").loc[picked]
        clicked_card(picked, other["nom"], f"Zonage médecins : {zonage_text(other)} · APL 2023 : "
                     f"{format_fr(other['apl_2023'], 2)}")
    if (table["zonage_statut"] == INDICATIVE).any():
        st.caption(INDICATIVE_SOURCE + ". Le zonage réglementaire (arrêté de l'ARS) est établi par territoire de "
                   "vie-santé, que les données ouvertes n'ont pas : ici, commune par commune."
                   + (f" {agreement.sentence()}" if agreement is not None else ""))
    st.download_button("Télécharger le zonage du département (CSV)", zonage_export(table),
                       f"santecarte_zonage_{row['departement_code']}.csv", "text/csv", on_click="ignore")

if view == VIEWS[2]:
    st.markdown("Ajoutez de deux à quatre communes : mêmes indicateurs côte à côte.")
    chosen = st.session_state.setdefault("compares", [])
    added = commune_picker("comparer", "Commune à ajouter")
    if added and st.button("Ajouter à la comparaison", disabled=added in chosen or len(chosen) >= MAX_COMPARED):
        chosen.append(added)
    if chosen:
        kept = st.multiselect("Communes comparées (retirez-en en cliquant sur ×)", chosen, default=chosen,
                              key=f"compares_{'_'.join(chosen)}")
        st.session_state.compares = chosen = kept
    if len(chosen) < 2:
        st.info("Il faut au moins deux communes pour comparer.")
    else:
        compared = [facts_of(c)[1] for c in chosen]
        st.dataframe(comparison(compared), width="stretch")
        if agreement is not None and any(f.row["zonage_statut"] == INDICATIVE for f in compared):
            st.caption(agreement.sentence())

if view == VIEWS[3]:
    st.markdown("Pour les agents des ARS : déposez le zonage officiel d'une région (CSV avec une colonne « code » — "
                "code INSEE de la commune — et une colonne « zonage » : ZIP, ZAC, ZV ou HZ). Il remplace le zonage "
                "indicatif des communes qu'il nomme. Un fichier avec une erreur est refusé en entier.")
    st.caption("Un import reste d'abord le vôtre : « votre import, non publié », vu dans cette session seulement et "
               "oublié à sa fin. Un éditeur le publie ensuite pour tous ; chaque publication et chaque retrait est "
               "inscrit au journal de la page « À propos des données ».")
    editor = editor_box()
    if editor is None:
        st.info(NEED_EDITOR, icon=":material/lock:")
    flash = st.session_state.pop("zonage_message", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    upload = french_file_uploader("Fichier du zonage (CSV)", ["csv", "txt"], key="zonage_fichier")
    source = st.text_input("Source (arrêté, date)", max_chars=200, placeholder="ex. Arrêté ARS Pays de la Loire du …")
    if upload is not None and st.button("Importer ce zonage", type="primary"):
        data = upload.getvalue()
        try:
            rows, notes = read_import(connection(), data)
        except UploadError as exc:
            st.error(f"Import refusé, le zonage en place est conservé. {md_escape(exc)}", icon=":material/error:")
        else:
            st.session_state.zonage_prive = private_import(rows, source, upload.name)
            st.session_state.zonage_prive_fichier = {"rows": rows, "source": source_text(source, upload.name),
                                                     "file_name": upload.name[:200], "data": data}
            st.success(f"Zonage importé pour {len(rows)} commune(s) : votre import, non publié, que vous seul·e voyez "
                       "jusqu'à la fin de cette session.")
            for note in notes[:10]:
                st.warning(md_escape(note), icon=":material/warning:")

    mine = st.session_state.get("zonage_prive_fichier")
    if mine:
        with st.container(border=True):
            st.markdown(f"**Votre import, non publié** — {md_escape(mine['source'])} : {len(mine['rows'])} "
                        f"commune(s), fichier « {md_escape(mine['file_name'])} ». Vous seul·e le voyez, jusqu'à la "
                        "fin de votre session.")
            p1, p2 = st.columns(2)
            if p1.button("Publier ce zonage", type="primary", disabled=editor is None,
                         help=None if editor else NEED_EDITOR):
                try:
                    save_import(mine["rows"], mine["source"], editor, mine["file_name"], mine["data"])
                except userdata.StoreError:
                    st.error(STORE_ERROR, icon=":material/error:")
                else:
                    forget_private_import()
                    st.session_state.zonage_message = (f"Zonage publié pour {len(mine['rows'])} commune(s) : tous les "
                                                       "visiteurs le voient désormais comme « officiel (import ARS) ».")
                    st.rerun()
            if p2.button("Abandonner votre import"):
                forget_private_import()
                st.rerun()

    imports = userdata.zonage_imports()
    if not imports.empty:
        st.markdown("**Zonages publiés, vus par tous** (le plus récent l'emporte pour une commune)")
        st.dataframe(imports_display(imports), hide_index=True, width="stretch")
        names = dict(zip(imports["import_id"], imports["source"]))
        gone = st.selectbox("Retirer une publication", list(names), format_func=names.get, index=None,
                            placeholder="Choisir une publication", disabled=editor is None)
        if st.button("Retirer cette publication", disabled=editor is None or gone is None,
                     help=None if editor else NEED_EDITOR):
            try:
                remove_import(gone, editor)
            except userdata.StoreError:
                st.error(STORE_ERROR, icon=":material/error:")
            else:
                st.session_state.zonage_message = f"Publication retirée : « {md_escape(names[gone])} »."
                st.rerun()
