-- The APL unit (commune, or arrondissement in Paris/Lyon/Marseille) containing a point.
SELECT code, nom
FROM communes
WHERE apl_unit AND geom IS NOT NULL AND ST_Contains(geom, ST_Point($lon, $lat))
LIMIT 1;
