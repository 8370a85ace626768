-- Every CPTS with its member codes (stored level: arrondissements for Marseille), by name.
-- Returns: cpts_id, nom, region_code, perimetre, source, site, codes (VARCHAR[]), partage (a
-- member commune is split between several CPTS).
-- Parameters: none.
SELECT k.cpts_id, k.nom, k.region_code, k.perimetre, k.source, k.site,
       list(m.commune_code ORDER BY m.commune_code) AS codes,
       bool_or(m.partage_infracommunal) AS partage
FROM cpts k JOIN cpts_communes m USING (cpts_id)
GROUP BY ALL
ORDER BY k.nom;
