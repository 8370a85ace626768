SELECT code, nom, parent_code, apl_unit, lon, lat FROM communes;
