"""« À propos des données »: every source with its licence, vintage and link, the build log, and
the log of the zonage publications and removals by editors."""
import pandas as pd
import streamlit as st

from santecarte.core.numbers import export_csv_bytes, french_table
from santecarte.domain import userdata
from santecarte.views.ui import cached_query, md_escape, page_setup

AUDIT_COLUMNS = {"logged_at": "Date", "action": "Action", "editor": "Éditeur", "n_communes": "Communes",
                 "commune_codes": "Codes des communes", "file_name": "Fichier", "source": "Source",
                 "file_sha256": "SHA-256 du fichier"}
AUDIT_SHOWN, CODES_SHOWN = 50, 20
BUILD_STEPS = {"communes": "Communes", "apl": "APL de la DREES", "gp_sites": "Lieux d'exercice", "cpts": "CPTS",
               "zonage": "Zonage", "accessibility": "APL SantéCarte", "sources": "Sources"}

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
built = pd.Timestamp(info["built_at"]).tz_convert("UTC").strftime("%d/%m/%Y à %H:%M (UTC)") if "built_at" in info \
    else "à une date inconnue"
with st.expander(f"Journal de construction de la base (construite le {built})"):
    log = cached_query("build_log")
    st.dataframe(log.assign(step=log["step"].map(BUILD_STEPS).fillna(log["step"]))
                 .rename(columns={"step": "Étape", "message": "Message"}), hide_index=True, width="stretch")

st.subheader("Journal des publications de zonage")
st.markdown("Un zonage importé n'est vu par tous qu'une fois publié par un éditeur (agent habilité). Chaque "
            "publication et chaque retrait est inscrit ici : qui, quand, quel fichier (avec l'empreinte SHA-256 de "
            "ses octets, pour le retrouver à l'identique) et quelles communes.")
audit = userdata.audit_log()
if audit.empty:
    st.info("Aucune publication ni aucun retrait de zonage à ce jour.", icon=":material/history:")
else:
    audit = audit.assign(logged_at=pd.to_datetime(audit["logged_at"]).dt.strftime("%d/%m/%Y %H:%M:%S"))
    full = audit.assign(commune_codes=[" ".join(codes) for codes in audit["commune_codes"]])
    # st.table renders markdown in its cells: what editors typed (source, file name) is escaped
    shown = audit.head(AUDIT_SHOWN).assign(**{c: audit[c].head(AUDIT_SHOWN).map(md_escape, na_action="ignore")
                                              for c in ("editor", "source", "file_name")})
    shown = shown.assign(commune_codes=[
        ", ".join(codes[:CODES_SHOWN]) + (f" … et {len(codes) - CODES_SHOWN} autres" if len(codes) > CODES_SHOWN else "")
        for codes in audit["commune_codes"].head(AUDIT_SHOWN)])
    if len(audit) > AUDIT_SHOWN:
        st.caption(f"Les {AUDIT_SHOWN} dernières entrées sur {len(audit)} : le fichier CSV les a toutes.")
    st.table(french_table(shown[list(AUDIT_COLUMNS)], {"n_communes": 0}).rename(columns=AUDIT_COLUMNS).set_index("Date"))
    st.download_button("Télécharger le journal (CSV)", export_csv_bytes(full[list(AUDIT_COLUMNS)].rename(
        columns=AUDIT_COLUMNS), {}), "santecarte_journal_zonage.csv", "text/csv")
