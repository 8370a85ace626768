-- CPTS of a region drawn by dissolving their member communes (Marseille by arrondissement), by
-- name. A commune split between several CPTS (Nice, Toulon) is drawn in each: partage.
-- Returns: code (the cpts_id), nom, perimetre, n_communes, partage, geometry (GeoJSON).
-- Parameters: $region (region code).
SELECT k.cpts_id AS code, k.nom, k.perimetre,
       count(*) AS n_communes,
       bool_or(m.partage_infracommunal) AS partage,
       ST_AsGeoJSON(ST_Union_Agg(c.geom_display)) AS geometry
FROM cpts k
JOIN cpts_communes m USING (cpts_id)
JOIN communes c ON c.code = m.commune_code
WHERE c.region_code = $region AND c.geom_display IS NOT NULL
GROUP BY k.cpts_id, k.nom, k.perimetre
ORDER BY k.nom;
