"""« À propos des données »: every source with its licence, vintage and link, and the build log."""
import streamlit as st

from santecarte.ui import cached_query, page_setup

page_setup("À propos des données")
st.title("À propos des données")
st.markdown("SantéCarte n'utilise que des données ouvertes officielles. Aucune valeur n'est inventée : là où une "
            "couche n'existe pas pour une région, l'application le dit.")
sources = cached_query("sources")
for row in sources.itertuples():
    with st.container(border=True):
        st.markdown(f"**{row.title}**")
        st.markdown(f"Producteur : {row.publisher}  \nMillésime : {row.vintage}  \nCouverture : {row.coverage}  \n"
                    f"Licence : {row.licence}")
        if row.page.startswith("http"):
            st.markdown(f"Page officielle : [{row.page}]({row.page})")
        else:
            st.markdown(f"Page officielle : {row.page}")
        st.caption(f"Fichiers : {row.files}" + ("" if row.present else " — absent de cette installation"))

info = dict(cached_query("build_info").itertuples(index=False))
with st.expander(f"Journal de construction de la base (construite le {info.get('built_at', '?')})"):
    log = cached_query("build_log")
    st.dataframe(log.rename(columns={"step": "Étape", "message": "Message"}), hide_index=True,
                 width="stretch")
