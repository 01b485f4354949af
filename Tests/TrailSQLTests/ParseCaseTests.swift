import Testing
import TrailBase

@testable import TrailSQL

// The grammar, case by case: each SQL text parses, prints as the canonical form given (which shows how it was
// parenthesised: the printer writes exactly the parentheses the precedence table needs), and round-trips.

extension ParseCase {
    static let grammar: [ParseCase] = [
        ParseCase(
            #"select a from t"#,
            #"SELECT a FROM t"#),
        ParseCase(#"SELECT a, b, c FROM t"#),
        ParseCase(#"SELECT ALL a FROM t"#),
        ParseCase(#"SELECT DISTINCT a, b FROM t"#),
        ParseCase(#"SELECT * FROM t"#),
        ParseCase(#"SELECT t.* FROM t"#),
        ParseCase(#"SELECT t.*, u.a FROM t, u"#),
        ParseCase(
            #"SELECT a AS x, b y, c "Z", d AS "select" FROM t"#,
            #"SELECT a AS x, b AS y, c AS Z, d AS "select" FROM t"#),
        ParseCase(#"SELECT 1"#),
        ParseCase(#"SELECT 1 AS one"#),
        ParseCase(
            #"SELECT a FROM t;"#,
            #"SELECT a FROM t"#),
        ParseCase(
            #"SELECT a FROM t ;;"#,
            #"SELECT a FROM t"#),
        ParseCase(
            #"SELECT /* inline */ a FROM t -- trailing"#,
            #"SELECT a FROM t"#),
        ParseCase(#"SELECT a FROM t WHERE b = 1"#),
        ParseCase(#"SELECT eventname FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' AND errorcode IS NULL"#),
        ParseCase(#"SELECT 1 + 2 * 3"#),
        ParseCase(#"SELECT (1 + 2) * 3"#),
        ParseCase(#"SELECT 1 - 2 - 3"#),
        ParseCase(#"SELECT 1 - (2 - 3)"#),
        ParseCase(#"SELECT 1 * 2 / 3 % 4"#),
        ParseCase(#"SELECT 1 / (2 * 3)"#),
        ParseCase(#"SELECT a + b * c - d / e"#),
        ParseCase(#"SELECT -a * b"#),
        ParseCase(#"SELECT -(a * b)"#),
        ParseCase(#"SELECT - -a"#),
        ParseCase(#"SELECT -5"#),
        ParseCase(
            #"SELECT - 5"#,
            #"SELECT -5"#),
        ParseCase(
            #"SELECT -(5)"#,
            #"SELECT -5"#),
        ParseCase(#"SELECT 3 - -5"#),
        ParseCase(#"SELECT +a"#),
        ParseCase(#"SELECT -1.5e3"#),
        ParseCase(#"SELECT a || b || c"#),
        ParseCase(#"SELECT a || (b || c)"#),
        ParseCase(#"SELECT a + b || c"#),
        ParseCase(#"SELECT a || b + c"#),
        ParseCase(#"SELECT (a || b) + c"#),
        ParseCase(#"SELECT a = b"#),
        ParseCase(
            #"SELECT a <> b, a != b, a < b, a <= b, a > b, a >= b"#,
            #"SELECT a <> b, a <> b, a < b, a <= b, a > b, a >= b"#),
        ParseCase(#"SELECT a = b AND c = d"#),
        ParseCase(#"SELECT a = b OR c = d AND e = f"#),
        ParseCase(#"SELECT (a = b OR c = d) AND e = f"#),
        ParseCase(#"SELECT a AND b AND c"#),
        ParseCase(
            #"SELECT a AND (b AND c)"#,
            #"SELECT a AND b AND c"#),
        ParseCase(
            #"SELECT a OR (b OR c)"#,
            #"SELECT a OR b OR c"#),
        ParseCase(
            #"SELECT (a AND b) OR (c AND d)"#,
            #"SELECT a AND b OR c AND d"#),
        ParseCase(#"SELECT NOT a"#),
        ParseCase(#"SELECT NOT NOT a"#),
        ParseCase(#"SELECT NOT a = b"#),
        ParseCase(
            #"SELECT NOT (a = b)"#,
            #"SELECT NOT a = b"#),
        ParseCase(#"SELECT NOT a AND b"#),
        ParseCase(#"SELECT NOT (a AND b)"#),
        ParseCase(#"SELECT (NOT a) = b"#),
        ParseCase(#"SELECT a = (b = c)"#),
        ParseCase(#"SELECT (a = b) = c"#),
        ParseCase(#"SELECT a + 1 = b * 2"#),
        ParseCase(#"SELECT a IS NULL"#),
        ParseCase(#"SELECT a IS NOT NULL"#),
        ParseCase(#"SELECT a + b IS NULL"#),
        ParseCase(#"SELECT (a = b) IS NULL"#),
        ParseCase(#"SELECT a IS DISTINCT FROM b"#),
        ParseCase(#"SELECT a IS NOT DISTINCT FROM b + 1"#),
        ParseCase(#"SELECT a BETWEEN 1 AND 10"#),
        ParseCase(#"SELECT a NOT BETWEEN 1 AND 10"#),
        ParseCase(#"SELECT a BETWEEN 1 AND 10 AND b"#),
        ParseCase(#"SELECT a BETWEEN b + 1 AND c * 2"#),
        ParseCase(#"SELECT a IN (1, 2, 3)"#),
        ParseCase(#"SELECT a NOT IN ('x', 'y')"#),
        ParseCase(#"SELECT a IN (SELECT b FROM u)"#),
        ParseCase(#"SELECT a NOT IN (SELECT b FROM u WHERE c > 0)"#),
        ParseCase(
            #"SELECT (a, b) IN ((1, 2), (3, 4))"#,
            #"SELECT ROW(a, b) IN (ROW(1, 2), ROW(3, 4))"#),
        ParseCase(#"SELECT a LIKE '%x%'"#),
        ParseCase(#"SELECT a NOT LIKE 'x\_%' ESCAPE '\'"#),
        ParseCase(#"SELECT a LIKE b || '%'"#),
        ParseCase(#"SELECT NOT a LIKE 'x'"#),
        ParseCase(#"SELECT a = ANY (SELECT b FROM u)"#),
        ParseCase(#"SELECT a > ALL (SELECT b FROM u)"#),
        ParseCase(#"SELECT a <> SOME (SELECT b FROM u)"#),
        ParseCase(#"SELECT EXISTS (SELECT 1 FROM u WHERE u.a = t.a)"#),
        ParseCase(#"SELECT NOT EXISTS (SELECT 1 FROM u)"#),
        ParseCase(#"SELECT (SELECT max(b) FROM u)"#),
        ParseCase(#"SELECT (SELECT max(b) FROM u) + 1"#),
        ParseCase(#"SELECT x AT TIME ZONE 'UTC'"#),
        ParseCase(#"SELECT x AT TIME ZONE 'Asia/Tokyo' AT TIME ZONE 'UTC'"#),
        ParseCase(#"SELECT x AT TIME ZONE INTERVAL '-08:00' HOUR TO MINUTE"#),
        ParseCase(#"SELECT from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC'"#),
        ParseCase(#"SELECT (a + b) AT TIME ZONE 'UTC'"#),
        ParseCase(#"SELECT 'it''s'"#),
        ParseCase(#"SELECT ''"#),
        ParseCase(#"SELECT 42, 2147483648, 9223372036854775807"#),
        ParseCase(#"SELECT 1.5, .5, 1., 007.50"#),
        ParseCase(#"SELECT 1e3, 1E-3, 2.5e+10, .5e1"#),
        ParseCase(#"SELECT 0x1F, 0o17, 0b101, 1_000_000"#),
        ParseCase(#"SELECT TRUE, FALSE, NULL"#),
        ParseCase(
            #"SELECT true AND false"#,
            #"SELECT TRUE AND FALSE"#),
        ParseCase(#"SELECT DATE '2024-01-01'"#),
        ParseCase(
            #"SELECT date '2024-01-01'"#,
            #"SELECT DATE '2024-01-01'"#),
        ParseCase(#"SELECT TIMESTAMP '2024-01-01 00:00:00'"#),
        ParseCase(#"SELECT TIMESTAMP '2024-01-01 00:00:00 UTC'"#),
        ParseCase(#"SELECT TIME '01:02:03'"#),
        ParseCase(#"SELECT JSON '{"a": 1}'"#),
        ParseCase(#"SELECT DECIMAL '1.50'"#),
        ParseCase(
            #"SELECT DOUBLE PRECISION '1.5'"#,
            #"SELECT DOUBLE '1.5'"#),
        ParseCase(
            #"SELECT X'CAFE', X'ca fe', X''"#,
            #"SELECT X'CAFE', X'CAFE', X''"#),
        ParseCase(
            #"SELECT U&'\0041\+01F600', U&'#0041' UESCAPE '#'"#,
            #"SELECT 'A😀', 'A'"#),
        ParseCase(#"SELECT INTERVAL '1' DAY"#),
        ParseCase(#"SELECT INTERVAL '2' HOUR TO SECOND"#),
        ParseCase(#"SELECT INTERVAL '1-2' YEAR TO MONTH"#),
        ParseCase(#"SELECT INTERVAL -'1' MONTH"#),
        ParseCase(#"SELECT INTERVAL +'3' MINUTE"#),
        ParseCase(
            #"SELECT current_timestamp - INTERVAL '7' DAY"#,
            #"SELECT CURRENT_TIMESTAMP - INTERVAL '7' DAY"#),
        ParseCase(#"SELECT a[1]"#),
        ParseCase(#"SELECT m['key']"#),
        ParseCase(#"SELECT a[1][2]"#),
        ParseCase(#"SELECT a[i + 1]"#),
        ParseCase(#"SELECT resources[1].arn"#),
        ParseCase(#"SELECT f(x)[1]"#),
        ParseCase(#"SELECT f(x).field"#),
        ParseCase(
            #"SELECT (a).b"#,
            #"SELECT a.b"#),
        ParseCase(#"SELECT CAST(r AS row(x bigint)).x"#),
        ParseCase(#"SELECT useridentity.sessioncontext.sessionissuer.arn"#),
        ParseCase(
            #"SELECT t.useridentity.arn FROM cloudtrail_logs t"#,
            #"SELECT t.useridentity.arn FROM cloudtrail_logs AS t"#),
        ParseCase(
            #"SELECT "userIdentity"."arn""#,
            #"SELECT userIdentity.arn"#),
        ParseCase(#"SELECT f()"#),
        ParseCase(#"SELECT f(a)"#),
        ParseCase(#"SELECT f(a, b, c)"#),
        ParseCase(#"SELECT count(*)"#),
        ParseCase(#"SELECT count(DISTINCT a)"#),
        ParseCase(#"SELECT count(ALL a)"#),
        ParseCase(#"SELECT array_agg(a ORDER BY b DESC, c)"#),
        ParseCase(#"SELECT array_agg(DISTINCT a ORDER BY a)"#),
        ParseCase(#"SELECT count(*) FILTER (WHERE a > 1)"#),
        ParseCase(#"SELECT sum(x) FILTER (WHERE y) OVER (PARTITION BY z)"#),
        ParseCase(#"SELECT row_number() OVER ()"#),
        ParseCase(#"SELECT rank() OVER (ORDER BY x DESC)"#),
        ParseCase(#"SELECT sum(x) OVER (PARTITION BY a, b ORDER BY c)"#),
        ParseCase(#"SELECT sum(x) OVER (ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"#),
        ParseCase(#"SELECT sum(x) OVER (ORDER BY c ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING)"#),
        ParseCase(#"SELECT sum(x) OVER (ORDER BY c RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)"#),
        ParseCase(#"SELECT sum(x) OVER (ORDER BY c GROUPS 1 PRECEDING)"#),
        ParseCase(#"SELECT sum(x) OVER (ROWS UNBOUNDED PRECEDING)"#),
        ParseCase(#"SELECT lag(x, 1) IGNORE NULLS OVER (ORDER BY t)"#),
        ParseCase(#"SELECT first_value(x) RESPECT NULLS OVER (ORDER BY t)"#),
        ParseCase(#"SELECT rank() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)"#),
        ParseCase(#"SELECT rank() OVER (w ORDER BY b) FROM t WINDOW w AS (PARTITION BY a)"#),
        ParseCase(#"SELECT approx_percentile(x, 0.99)"#),
        ParseCase(#"SELECT presto.default.f(x)"#),
        ParseCase(#"SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' END"#),
        ParseCase(#"SELECT CASE WHEN a THEN 1 WHEN b THEN 2 END"#),
        ParseCase(#"SELECT CASE eventname WHEN 'ConsoleLogin' THEN 1 WHEN 'SwitchRole' THEN 2 ELSE 0 END"#),
        ParseCase(#"SELECT CASE WHEN a = 1 OR b = 2 THEN c + 1 END"#),
        ParseCase(#"SELECT CAST(a AS varchar)"#),
        ParseCase(
            #"SELECT CAST(a AS VARCHAR(10))"#,
            #"SELECT CAST(a AS varchar(10))"#),
        ParseCase(#"SELECT CAST(a AS char(3))"#),
        ParseCase(
            #"SELECT CAST(a AS bigint), CAST(a AS integer), CAST(a AS int), CAST(a AS smallint), CAST(a AS tinyint)"#),
        ParseCase(
            #"SELECT CAST(a AS double), CAST(a AS real), CAST(a AS boolean), CAST(a AS date), CAST(a AS json), CAST(a AS varbinary)"#
        ),
        ParseCase(
            #"SELECT CAST(a AS decimal(10,2))"#,
            #"SELECT CAST(a AS decimal(10, 2))"#),
        ParseCase(
            #"SELECT CAST(a AS timestamp), CAST(a AS timestamp(3)), CAST(a AS timestamp with time zone), CAST(a AS timestamp(6) WITH TIME ZONE), CAST(a AS timestamp without time zone)"#,
            #"SELECT CAST(a AS timestamp), CAST(a AS timestamp(3)), CAST(a AS timestamp with time zone), CAST(a AS timestamp(6) with time zone), CAST(a AS timestamp)"#
        ),
        ParseCase(#"SELECT CAST(a AS time(3) with time zone)"#),
        ParseCase(#"SELECT CAST(a AS interval day to second), CAST(a AS interval year to month)"#),
        ParseCase(#"SELECT CAST(a AS array(varchar)), CAST(a AS array(array(bigint)))"#),
        ParseCase(#"SELECT CAST(a AS map(varchar, varchar))"#),
        ParseCase(#"SELECT CAST(a AS row(arn varchar, accountid varchar, type varchar))"#),
        ParseCase(#"SELECT CAST(a AS row(bigint, varchar))"#),
        ParseCase(
            #"SELECT CAST(a AS ARRAY<MAP<VARCHAR, BIGINT>>)"#,
            #"SELECT CAST(a AS array(map(varchar, bigint)))"#),
        ParseCase(
            #"SELECT CAST(a AS bigint ARRAY)"#,
            #"SELECT CAST(a AS array(bigint))"#),
        ParseCase(#"SELECT CAST(json_parse(x) AS map(varchar, json))"#),
        ParseCase(#"SELECT TRY_CAST(a AS bigint)"#),
        ParseCase(
            #"SELECT try_cast(a AS double) > 1"#,
            #"SELECT TRY_CAST(a AS double) > 1"#),
        ParseCase(#"SELECT CAST(a + 1 AS varchar) || 'x'"#),
        ParseCase(#"SELECT transform(arr, x -> x + 1)"#),
        ParseCase(#"SELECT filter(arr, x -> x IS NOT NULL AND x <> '')"#),
        ParseCase(#"SELECT reduce(arr, 0, (s, x) -> s + x, s -> s)"#),
        ParseCase(#"SELECT zip_with(a, b, (x, y) -> x * y)"#),
        ParseCase(#"SELECT any_match(resources, r -> r.type = 'AWS::S3::Bucket')"#),
        ParseCase(#"SELECT ARRAY[1, 2, 3]"#),
        ParseCase(#"SELECT ARRAY[]"#),
        ParseCase(#"SELECT ARRAY[ARRAY[1], ARRAY[2, 3]]"#),
        ParseCase(#"SELECT ROW(1, 'a')"#),
        ParseCase(#"SELECT ROW(1, 'a', NULL)"#),
        ParseCase(
            #"SELECT (1, 'a')"#,
            #"SELECT ROW(1, 'a')"#),
        ParseCase(#"SELECT MAP(ARRAY['a'], ARRAY[1])"#),
        ParseCase(
            #"SELECT current_timestamp, current_date, current_time, localtimestamp, localtime"#,
            #"SELECT CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME, LOCALTIMESTAMP, LOCALTIME"#),
        ParseCase(
            #"SELECT current_timestamp(3), localtime(0)"#,
            #"SELECT CURRENT_TIMESTAMP(3), LOCALTIME(0)"#),
        ParseCase(
            #"SELECT current_user"#,
            #"SELECT CURRENT_USER"#),
        ParseCase(#"SELECT now()"#),
        ParseCase(#"SELECT EXTRACT(YEAR FROM ts)"#),
        ParseCase(
            #"SELECT extract(day_of_week FROM ts)"#,
            #"SELECT EXTRACT(DAY_OF_WEEK FROM ts)"#),
        ParseCase(#"SELECT position('x' IN s)"#),
        ParseCase(#"SELECT position('x' IN s) > 0"#),
        ParseCase(#"SELECT trim(s)"#),
        ParseCase(
            #"SELECT trim(BOTH FROM s)"#,
            #"SELECT trim(s)"#),
        ParseCase(#"SELECT trim(LEADING ' ' FROM s)"#),
        ParseCase(#"SELECT trim(TRAILING FROM s)"#),
        ParseCase(
            #"SELECT trim(s, 'xy')"#,
            #"SELECT trim(BOTH 'xy' FROM s)"#),
        ParseCase(
            #"SELECT trim('x' FROM s)"#,
            #"SELECT trim(BOTH 'x' FROM s)"#),
        ParseCase(
            #"SELECT substring(s FROM 2)"#,
            #"SELECT substring(s, 2)"#),
        ParseCase(
            #"SELECT substring(s FROM 2 FOR 3)"#,
            #"SELECT substring(s, 2, 3)"#),
        ParseCase(#"SELECT substring(s, 2, 3)"#),
        ParseCase(#"SELECT substr(s, 1, 14) = 'AWSReservedSSO'"#),
        ParseCase(#"SELECT try(json_parse(x))"#),
        ParseCase(#"SELECT IF(a > 1, 'x', 'y')"#),
        ParseCase(#"SELECT coalesce(a, b, 'none')"#),
        ParseCase(#"SELECT nullif(a, '')"#),
        ParseCase(#"SELECT normalize(s)"#),
        ParseCase(#"SELECT json_extract_scalar(requestparameters, '$.bucketName')"#),
        ParseCase(#"SELECT json_extract(responseelements, '$.credentials')"#),
        ParseCase(#"SELECT element_at(requestparameters, 'bucketName')"#),
        ParseCase(#"SELECT regexp_like(eventname, '^(Create|RunInstances)')"#),
        ParseCase(#"SELECT date_format(from_iso8601_timestamp(eventtime), '%Y-%m-%d')"#),
        ParseCase(#"SELECT date_trunc('hour', from_iso8601_timestamp(eventtime))"#),
        ParseCase(#"SELECT split_part(useridentity.principalid, ':', 2)"#),
        ParseCase(#"SELECT cardinality(resources)"#),
        ParseCase(#"SELECT WITH_TIMEZONE(a, 'UTC')"#),
        ParseCase(#"WITH x AS (SELECT 1 AS a) SELECT a FROM x"#),
        ParseCase(#"WITH x (a, b) AS (SELECT 1, 2) SELECT * FROM x"#),
        ParseCase(#"WITH x AS (SELECT 1), y AS (SELECT * FROM x) SELECT * FROM y"#),
        ParseCase(
            #"WITH logins AS (SELECT useridentity.arn AS arn FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin') SELECT arn, count(*) FROM logins GROUP BY arn ORDER BY 2 DESC"#
        ),
        ParseCase(#"SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS y"#),
        ParseCase(#"SELECT 1 UNION SELECT 2"#),
        ParseCase(#"SELECT 1 UNION ALL SELECT 2"#),
        ParseCase(#"SELECT 1 UNION DISTINCT SELECT 2"#),
        ParseCase(#"SELECT 1 INTERSECT SELECT 2"#),
        ParseCase(#"SELECT 1 EXCEPT SELECT 2"#),
        ParseCase(#"SELECT 1 UNION SELECT 2 UNION SELECT 3"#),
        ParseCase(#"SELECT 1 UNION (SELECT 2 UNION SELECT 3)"#),
        ParseCase(#"SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"#),
        ParseCase(#"(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"#),
        ParseCase(#"SELECT 1 INTERSECT SELECT 2 UNION SELECT 3"#),
        ParseCase(#"SELECT 1 EXCEPT SELECT 2 EXCEPT SELECT 3"#),
        ParseCase(#"SELECT 1 EXCEPT (SELECT 2 EXCEPT SELECT 3)"#),
        ParseCase(#"SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 5"#),
        ParseCase(#"(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u ORDER BY b LIMIT 1)"#),
        ParseCase(
            #"((SELECT 1))"#,
            #"SELECT 1"#),
        ParseCase(
            #"(SELECT 1) ORDER BY 1"#,
            #"SELECT 1 ORDER BY 1"#),
        ParseCase(#"SELECT a FROM t ORDER BY a"#),
        ParseCase(#"SELECT a FROM t ORDER BY a ASC, b DESC"#),
        ParseCase(#"SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST"#),
        ParseCase(#"SELECT a AS x FROM t ORDER BY x"#),
        ParseCase(#"SELECT a FROM t ORDER BY 1, 2 DESC"#),
        ParseCase(#"SELECT a FROM t ORDER BY a + b"#),
        ParseCase(#"SELECT a FROM t LIMIT 10"#),
        ParseCase(#"SELECT a FROM t LIMIT ALL"#),
        ParseCase(#"SELECT a FROM t OFFSET 10"#),
        ParseCase(
            #"SELECT a FROM t OFFSET 10 ROWS"#,
            #"SELECT a FROM t OFFSET 10"#),
        ParseCase(
            #"SELECT a FROM t OFFSET 1 ROW LIMIT 2"#,
            #"SELECT a FROM t OFFSET 1 LIMIT 2"#),
        ParseCase(#"SELECT a FROM t ORDER BY a OFFSET 5 LIMIT 10"#),
        ParseCase(
            #"SELECT a FROM t FETCH FIRST 10 ROWS ONLY"#,
            #"SELECT a FROM t LIMIT 10"#),
        ParseCase(
            #"SELECT a FROM t FETCH NEXT 1 ROW ONLY"#,
            #"SELECT a FROM t LIMIT 1"#),
        ParseCase(
            #"SELECT a FROM t FETCH FIRST ROWS ONLY"#,
            #"SELECT a FROM t LIMIT 1"#),
        ParseCase(#"SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES"#),
        ParseCase(#"VALUES 1"#),
        ParseCase(#"VALUES 1, 2, 3"#),
        ParseCase(#"VALUES (1, 'a'), (2, 'b')"#),
        ParseCase(#"VALUES ROW(1)"#),
        ParseCase(#"SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name)"#),
        ParseCase(
            #"SELECT * FROM (VALUES 1, 2) t (x)"#,
            #"SELECT * FROM (VALUES 1, 2) AS t (x)"#),
        ParseCase(#"TABLE cloudtrail_logs"#),
        ParseCase(
            #"TABLE "default".cloudtrail_logs"#,
            #"TABLE default.cloudtrail_logs"#),
        ParseCase(#"SELECT * FROM cloudtrail_logs"#),
        ParseCase(#"SELECT * FROM default.cloudtrail_logs"#),
        ParseCase(
            #"SELECT * FROM "default"."my_trail""#,
            #"SELECT * FROM default.my_trail"#),
        ParseCase(#"SELECT * FROM awsdatacatalog.default.cloudtrail_logs"#),
        ParseCase(#"SELECT * FROM "cloudtrail_logs_my-trail""#),
        ParseCase(#"SELECT * FROM cloudtrail_logs AS t"#),
        ParseCase(
            #"SELECT * FROM cloudtrail_logs t"#,
            #"SELECT * FROM cloudtrail_logs AS t"#),
        ParseCase(
            #"SELECT * FROM cloudtrail_logs t (a, b)"#,
            #"SELECT * FROM cloudtrail_logs AS t (a, b)"#),
        ParseCase(#"SELECT * FROM t, u, v"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN u"#),
        ParseCase(#"SELECT * FROM t JOIN u ON t.a = u.a"#),
        ParseCase(
            #"SELECT * FROM t INNER JOIN u ON t.a = u.a"#,
            #"SELECT * FROM t JOIN u ON t.a = u.a"#),
        ParseCase(#"SELECT * FROM t LEFT JOIN u ON t.a = u.a"#),
        ParseCase(
            #"SELECT * FROM t LEFT OUTER JOIN u ON t.a = u.a"#,
            #"SELECT * FROM t LEFT JOIN u ON t.a = u.a"#),
        ParseCase(#"SELECT * FROM t RIGHT JOIN u ON t.a = u.a"#),
        ParseCase(
            #"SELECT * FROM t FULL OUTER JOIN u ON t.a = u.a"#,
            #"SELECT * FROM t FULL JOIN u ON t.a = u.a"#),
        ParseCase(#"SELECT * FROM t JOIN u USING (a, b)"#),
        ParseCase(#"SELECT * FROM t JOIN u ON t.a = u.a JOIN v ON u.b = v.b"#),
        ParseCase(#"SELECT * FROM t JOIN (u JOIN v ON u.b = v.b) ON t.a = u.a"#),
        ParseCase(
            #"SELECT * FROM (t JOIN u ON t.a = u.a)"#,
            #"SELECT * FROM t JOIN u ON t.a = u.a"#),
        ParseCase(#"SELECT * FROM (t JOIN u ON t.a = u.a) AS j"#),
        ParseCase(#"SELECT * FROM t JOIN u ON t.a = u.a, v"#),
        ParseCase(#"SELECT * FROM (SELECT a FROM t) AS s"#),
        ParseCase(
            #"SELECT * FROM (SELECT a FROM t) s"#,
            #"SELECT * FROM (SELECT a FROM t) AS s"#),
        ParseCase(#"SELECT * FROM (SELECT a FROM t) AS s (x)"#),
        ParseCase(#"SELECT * FROM (SELECT a FROM t UNION SELECT b FROM u) AS s"#),
        ParseCase(
            #"SELECT * FROM ((SELECT a FROM t)) AS s"#,
            #"SELECT * FROM (SELECT a FROM t) AS s"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN UNNEST(t.resources) AS r (res)"#),
        ParseCase(
            #"SELECT * FROM t CROSS JOIN UNNEST(t.resources) r"#,
            #"SELECT * FROM t CROSS JOIN UNNEST(t.resources) AS r"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN UNNEST(a, b) AS u (x, y)"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN UNNEST(arr) WITH ORDINALITY AS u (x, n)"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN UNNEST(m) AS u (k, v)"#),
        ParseCase(#"SELECT * FROM t, UNNEST(t.resources) AS r (res)"#),
        ParseCase(
            #"SELECT * FROM t LEFT JOIN UNNEST(t.resources) AS r (res) ON true"#,
            #"SELECT * FROM t LEFT JOIN UNNEST(t.resources) AS r (res) ON TRUE"#),
        ParseCase(#"SELECT * FROM UNNEST(ARRAY[1, 2]) AS u (x)"#),
        ParseCase(#"SELECT * FROM t CROSS JOIN LATERAL (SELECT t.a) AS l"#),
        ParseCase(#"SELECT res.arn, res.type FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t (res)"#),
        ParseCase(#"SELECT * FROM t WHERE a = 1 GROUP BY b"#),
        ParseCase(#"SELECT a, count(*) FROM t GROUP BY a"#),
        ParseCase(#"SELECT a, b, count(*) FROM t GROUP BY 1, 2"#),
        ParseCase(#"SELECT count(*) FROM t GROUP BY ()"#),
        ParseCase(#"SELECT a FROM t GROUP BY DISTINCT a"#),
        ParseCase(#"SELECT a FROM t GROUP BY ALL a"#),
        ParseCase(#"SELECT a FROM t GROUP BY (a, b)"#),
        ParseCase(
            #"SELECT a FROM t GROUP BY (a)"#,
            #"SELECT a FROM t GROUP BY a"#),
        ParseCase(#"SELECT a FROM t GROUP BY (a + 1) * 2"#),
        ParseCase(#"SELECT a FROM t GROUP BY ROLLUP (a, b)"#),
        ParseCase(#"SELECT a FROM t GROUP BY CUBE (a, (b, c))"#),
        ParseCase(
            #"SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ())"#,
            #"SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ())"#),
        ParseCase(#"SELECT a FROM t GROUP BY a, ROLLUP (b)"#),
        ParseCase(#"SELECT a, GROUPING(a) FROM t GROUP BY ROLLUP (a)"#),
        ParseCase(#"SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1"#),
        ParseCase(#"SELECT a FROM t HAVING count(*) > 0"#),
        ParseCase(
            #"SELECT eventname, count(*) AS n FROM cloudtrail_logs WHERE from_iso8601_timestamp(eventtime) >= current_timestamp - INTERVAL '1' DAY GROUP BY eventname HAVING count(*) >= 10 ORDER BY n DESC LIMIT 20"#,
            #"SELECT eventname, count(*) AS n FROM cloudtrail_logs WHERE from_iso8601_timestamp(eventtime) >= CURRENT_TIMESTAMP - INTERVAL '1' DAY GROUP BY eventname HAVING count(*) >= 10 ORDER BY n DESC LIMIT 20"#
        ),
        ParseCase(#"EXPLAIN SELECT a FROM t"#),
        ParseCase(#"EXPLAIN ANALYZE SELECT a FROM t"#),
        ParseCase(#"EXPLAIN ANALYZE VERBOSE SELECT a FROM t"#),
        ParseCase(#"EXPLAIN (TYPE DISTRIBUTED) SELECT a FROM t"#),
        ParseCase(#"EXPLAIN (FORMAT GRAPHVIZ, TYPE LOGICAL) SELECT a FROM t"#),
        ParseCase(
            #"EXPLAIN (SELECT 1)"#,
            #"EXPLAIN SELECT 1"#),
        ParseCase(#"DESCRIBE cloudtrail_logs"#),
        ParseCase(
            #"DESC cloudtrail_logs"#,
            #"DESCRIBE cloudtrail_logs"#),
        ParseCase(
            #"SHOW COLUMNS FROM cloudtrail_logs"#,
            #"DESCRIBE cloudtrail_logs"#),
        ParseCase(
            #"SHOW COLUMNS IN default.cloudtrail_logs"#,
            #"DESCRIBE default.cloudtrail_logs"#),
        ParseCase(#"SHOW COLUMNS FROM t LIKE 'event%' ESCAPE '\'"#),
        ParseCase(#"SELECT "select" FROM "from""#),
        ParseCase(#"SELECT "a""b" FROM t"#),
        ParseCase(#"SELECT "$path", "$file_size" FROM cloudtrail_logs"#),
        ParseCase(#"SELECT "日本語", '日本語' FROM t"#),
        ParseCase(#"SELECT 'emoji 😀', 'ß', 'e\u0301' FROM t"#),
        ParseCase(
            #"SELECT "EventName" FROM t"#,
            #"SELECT EventName FROM t"#),
        ParseCase(#"SELECT date, year, month, day, region, timestamp, type, count, limit FROM t"#),
        ParseCase(#"SELECT "interval", "array" FROM t"#),
        ParseCase(#"SELECT "array"[1], "interval" + 1 FROM t"#),
        ParseCase(#"SELECT "row"(1), "position"(1, 2) FROM t"#),
        ParseCase(#"SELECT a FROM t WHERE date = '2024/01/01'"#),
        ParseCase(
            #"SELECT a FROM t limit 5"#,
            #"SELECT a FROM t LIMIT 5"#),
        ParseCase(
            #"SELECT a FROM t offset 5"#,
            #"SELECT a FROM t OFFSET 5"#),
        ParseCase(
            #"SELECT eventname FROM cloudtrail_logs WHERE useridentity.type = 'Root' AND useridentity.invokedby IS NULL AND eventtype <> 'AwsServiceEvent'"#
        ),
        ParseCase(
            #"SELECT eventname FROM cloudtrail_logs WHERE eventname IN ('DeleteGroupPolicy', 'DeleteRolePolicy', 'PutUserPolicy')"#
        ),
        ParseCase(
            #"SELECT * FROM cloudtrail_logs WHERE json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No' AND eventname = 'ConsoleLogin'"#
        ),
        ParseCase(
            #"SELECT * FROM cloudtrail_logs WHERE contains(transform(resources, r -> r.arn), 'arn:aws:s3:::bucket')"#),
        // Comments and white space anywhere; a string may span lines.
        ParseCase("  -- leading comment\nSELECT a -- after a\n, /* block\n comment */ b FROM t", "SELECT a, b FROM t"),
        ParseCase("SELECT 'multi\nline'"),
        ParseCase("SELECT\ta\r\nFROM\u{3000}t\u{00A0}WHERE b", "SELECT a FROM t WHERE b"),
        ParseCase("\u{FEFF}SELECT 1", "SELECT 1"),
    ]
}

@Suite("Parse, print and round-trip across the grammar")
struct ParseCaseTests {
    @Test("the table covers the grammar with at least 150 cases")
    func tableSize() {
        #expect(ParseCase.grammar.count >= 150)
    }

    @Test("each statement prints as its canonical form and round-trips", arguments: ParseCase.grammar)
    func canonicalForm(_ c: ParseCase) throws {
        #expect(try roundTrip(c.sql) == c.canonical)
    }
}
