"""« À propos des données »: every source with its licence, vintage and link, the build log, and
the log of the zonage publications and removals by editors."""
import streamlit as st

from santecarte.domain import userdata
from santecarte.views.ui import AUDIT_SHOWN, audit_display, build_log_display, built_text, cached_query, page_setup

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

built = built_text(dict(cached_query("build_info").itertuples(index=False)))
with st.expander(f"Journal de construction de la base (construite le {built})"):
    st.dataframe(build_log_display(cached_query("build_log")), hide_index=True, width="stretch")

st.subheader("Journal des publications de zonage")
st.markdown("Un zonage importé n'est vu par tous qu'une fois publié par un éditeur (agent habilité). Chaque "
            "publication et chaque retrait est inscrit ici : qui, quand, quel fichier (avec l'empreinte SHA-256 de "
            "ses octets, pour le retrouver à l'identique) et quelles communes.")
audit = userdata.audit_log()
if audit.empty:
    st.info("Aucune publication ni aucun retrait de zonage à ce jour.", icon=":material/history:")
else:
    shown, csv = audit_display(audit)  # what editors typed is escaped: st.table renders markdown
    if len(audit) > AUDIT_SHOWN:
        st.caption(f"Les {AUDIT_SHOWN} dernières entrées sur {len(audit)} : le fichier CSV les a toutes.")
    st.table(shown)
    st.download_button("Télécharger le journal (CSV)", csv, "santecarte_journal_zonage.csv", "text/csv",
                       on_click="ignore")
