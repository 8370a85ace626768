"""SantéCarte — home page (the entry point): what the tool is, for whom, the data vintages.

Run with `streamlit run app.py`; the other pages live in `pages/` and share `ui.page_setup`,
which builds the database on first start whichever page is opened first."""
import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.domain.indicators import SOUS_DENSE_FR
from santecarte.views.ui import MENU, cached_query, page_setup, vintages_html

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
for page in MENU:  # one line per page of the menu, the home page aside
    if page.path != "app.py":
        st.page_link(page.path, label=page.home_label, icon=page.icon)

st.subheader("Millésimes des données")
st.html(vintages_html(cached_query("sources")))  # static: every row readable, no scroll
st.caption("L'APL (accessibilité potentielle localisée) mesure le nombre de consultations de médecin "
           "généraliste accessibles par habitant et par an, en tenant compte de l'âge des habitants et des "
           f"médecins installés jusqu'à {MAX_MINUTES_FR} minutes. En dessous de {SOUS_DENSE_FR}, la commune est dite "
           "« sous-dense ».")
