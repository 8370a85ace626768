-- GP practice activities and distinct geocoded practice points per commune (all sources loaded).
SELECT commune_code,
       count(*) AS n_activites,
       count(DISTINCT (round(lon, 6), round(lat, 6))) AS n_lieux
FROM gp_sites
GROUP BY commune_code;
