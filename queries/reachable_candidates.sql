-- APL units on the same land mass as $code whose point lies in a box of $km around its point
-- (the exact crow-flight distance and the travel time are computed in Python). The unit
-- itself is in the result.
WITH origin AS (
    SELECT c.lon, c.lat, l.land_mass
    FROM communes c JOIN land_masses l USING (code)
    WHERE c.code = $code
)
SELECT c.code, c.nom, c.lon, c.lat, c.population, c.area_km2, c.code = $code AS is_origin
FROM communes c JOIN land_masses l USING (code), origin o
WHERE l.land_mass = o.land_mass
  AND c.lat BETWEEN o.lat - $km / 111.0 AND o.lat + $km / 111.0
  AND c.lon BETWEEN o.lon - $km / (111.0 * cos(radians(o.lat))) AND o.lon + $km / (111.0 * cos(radians(o.lat)))
ORDER BY c.code;
