"""SantéCarte — home page (the entry point): what the tool is, for whom, the data vintages.

Run with `streamlit run app.py`; the other pages live in `pages/` and share `ui.page_setup`,
which builds the database on first start whichever page is opened first."""
import streamlit as st

from santecarte.ui import cached_query, page_setup

page_setup("SantéCarte")

st.title("SantéCarte")
st.markdown(
    "**L'offre et le besoin de soins de premier recours, commune par commune, pour toute la France.**\n\n"
    "SantéCarte rassemble les données ouvertes officielles sur l'accès aux médecins généralistes "
    "et les montre sur des cartes interactives, sans connexion internet nécessaire."
)
cols = st.columns(3)
cols[0].markdown("#### Agents des ARS\nRepérer les territoires sous-dotés, comparer les communes, "
                 "exporter des tableaux.")
cols[1].markdown("#### Futurs médecins\nExplorer les lieux d'installation : accès aux soins, maisons de santé, "
                 "bassin de vie.")
cols[2].markdown("#### Élus\nSituer sa commune : offre, besoin et accès, comparés au département, à la région "
                 "et à la France.")

st.subheader("Ce qui est disponible")
st.page_link("pages/carte_apl.py", label="Territoires sous-dotés : carte, chiffres clés et classement (APL DREES 2022, 2023)",
             icon=":material/map:")
st.page_link("pages/cpts.py", label="Couverture CPTS : périmètres (PACA), zones blanches, diagnostic d'un territoire", icon=":material/hub:")
st.page_link("pages/simulation.py", label="Simulation : départs, arrivées, permanences, placement de médecins (APL "
             "recalculée)", icon=":material/science:")
st.page_link("pages/installer.py", label="S'installer : zonage, aides nationales par profil, maisons de santé à "
             "20 minutes, comparaison de communes", icon=":material/stethoscope:")
st.page_link("pages/sources.py", label="À propos des données : sources, millésimes, licences", icon=":material/menu_book:")

st.subheader("Millésimes des données")
sources = cached_query("sources")
st.dataframe(
    sources[["title", "publisher", "vintage", "coverage"]].rename(columns={
        "title": "Données", "publisher": "Producteur", "vintage": "Millésime", "coverage": "Couverture"}),
    hide_index=True, width="stretch",
)
st.caption("L'APL (accessibilité potentielle localisée) mesure le nombre de consultations de médecin "
           "généraliste accessibles par habitant et par an, en tenant compte de l'âge des habitants et des "
           "médecins installés jusqu'à 20 minutes. En dessous de 2,5, la commune est dite « sous-dense ».")
