-- A commune's point and its department's prefecture (chef-lieu, COG) with the prefecture's point.
-- Returns: lon, lat, prefecture_code, prefecture (its name), prefecture_lon, prefecture_lat.
-- Parameters: $code (commune or arrondissement code).
SELECT c.lon, c.lat, p.code AS prefecture_code, p.nom AS prefecture, p.lon AS prefecture_lon,
       p.lat AS prefecture_lat
FROM communes c
JOIN departements d ON d.code = c.departement_code
JOIN communes p ON p.code = d.chef_lieu_code
WHERE c.code = $code;
