"""SantéCarte — home page (the entry point): what the tool is, for whom, the data vintages.

Run with `streamlit run app.py`; the other pages live in `pages/` and share `ui.page_setup`,
which builds the database on first start whichever page is opened first."""
import html

import streamlit as st

from santecarte.accessibility.decay import MAX_MINUTES_FR
from santecarte.core.numbers import french_table
from santecarte.domain.indicators import SOUS_DENSE_FR
from santecarte.views.ui import PAGES, cached_query, page_setup

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
WHAT = {  # one line per page of the menu (santecarte.views.ui.PAGES), the home page aside
    "pages/carte_apl.py": "carte, chiffres clés et classement (APL DREES 2022, 2023)",
    "pages/cpts.py": "périmètres (PACA), zones blanches, diagnostic d'un territoire",
    "pages/simulation.py": "départs, arrivées, permanences, placement de médecins (APL recalculée)",
    "pages/installer.py": f"zonage, aides nationales par profil, maisons de santé à {MAX_MINUTES_FR} minutes, "
                          "comparaison de communes",
    "pages/profil.py": "la situation d'une commune, comparée au département, à la région et à la France, en PDF",
    "pages/sources.py": "sources, millésimes, licences",
}
for path, label, icon in PAGES:
    if path != "app.py":
        st.page_link(path, label=f"{label} : {WHAT[path]}" if path in WHAT else label, icon=icon)

st.subheader("Millésimes des données")
# A static table: long titles wrap, so it fits the page with no horizontal scroll.
sources = cached_query("sources")[["title", "publisher", "vintage", "coverage"]]
rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in french_table(sources).iloc[k]) + "</tr>"
               for k in range(len(sources)))
st.html(f"""<style>
.sc-vintages {{width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.85rem;}}
.sc-vintages th, .sc-vintages td {{text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); overflow-wrap: anywhere;}}
</style>
<table class="sc-vintages"><colgroup><col style="width: 38%"><col style="width: 27%"><col style="width: 13%">
<col style="width: 22%"></colgroup>
<thead><tr><th>Données</th><th>Producteur</th><th>Millésime</th><th>Couverture</th></tr></thead>
<tbody>{rows}</tbody></table>""")
st.caption("L'APL (accessibilité potentielle localisée) mesure le nombre de consultations de médecin "
           "généraliste accessibles par habitant et par an, en tenant compte de l'âge des habitants et des "
           f"médecins installés jusqu'à {MAX_MINUTES_FR} minutes. En dessous de {SOUS_DENSE_FR}, la commune est dite "
           "« sous-dense ».")
