# Every value type in its SQL type, shown by getString, and filtered by a literal of that type:
# string VARCHAR (non-ASCII and beyond the BMP round-trip), long BIGINT (both extremes), double
# DOUBLE, boolean BOOLEAN, instant TIMESTAMP in UTC (milliseconds kept, before 1970 too), bigdec
# DECIMAL beyond 19 digits exactly, uuid in its canonical text, keyword VARCHAR as its EDN text.
@edn
[{:db/ident :sample/label :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :sample/big :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :sample/small :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :sample/ratio :db/valueType :db.type/double :db/cardinality :db.cardinality/one}
 {:db/ident :sample/flag :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one}
 {:db/ident :sample/moment :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
 {:db/ident :sample/early-moment :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
 {:db/ident :sample/amount :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}
 {:db/ident :sample/uid :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one}
 {:db/ident :sample/color :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id "s" :sample/label "Z\u00fcrich \u2603 \u65e5\u672c \ud83d\ude00" :sample/big 9223372036854775807
  :sample/small -9223372036854775808 :sample/ratio 0.1 :sample/flag true
  :sample/moment #inst "2024-02-29T23:59:59.123Z" :sample/early-moment #inst "1969-07-20T20:17:40Z"
  :sample/amount 12345678901234567890.123456789M :sample/uid #uuid "123e4567-e89b-12d3-a456-426614174000"
  :sample/color :color/red}
 {:db/id "a" :sample/label "a" :sample/ratio -1234.5 :sample/flag false}
 {:db/id "z" :sample/label "Z"}
 {:db/id "e" :sample/label "\u00e9"}]
@end

SELECT LABEL, BIG, SMALL, RATIO, FLAG FROM SAMPLE WHERE BIG IS NOT NULL;
LABEL | BIG | SMALL | RATIO | FLAG
Zürich ☃ 日本 😀 | 9223372036854775807 | -9223372036854775808 | 0.1 | true

SELECT MOMENT, EARLY_MOMENT, AMOUNT, UID, COLOR FROM SAMPLE WHERE BIG IS NOT NULL;
MOMENT | EARLY_MOMENT | AMOUNT | UID | COLOR
2024-02-29 23:59:59.123 | 1969-07-20 20:17:40 | 12345678901234567890.123456789 | 123e4567-e89b-12d3-a456-426614174000 | :color/red

# each type filtered by a literal of its own
SELECT COUNT(*) AS N FROM SAMPLE WHERE LABEL = 'Zürich ☃ 日本 😀';
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE BIG = 9223372036854775807 AND SMALL = -9223372036854775808;
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE RATIO = 0.1;
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE MOMENT = TIMESTAMP '2024-02-29 23:59:59.123';
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE EARLY_MOMENT < TIMESTAMP '1970-01-01 00:00:00';
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE AMOUNT = 12345678901234567890.123456789;
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE AMOUNT > 12345678901234567890.123456788;
N
1

SELECT COUNT(*) AS N FROM SAMPLE WHERE FLAG = FALSE;
N
1

# text sorts by code point: upper case before lower case before Latin-1
SELECT LABEL FROM SAMPLE WHERE BIG IS NULL ORDER BY LABEL;
LABEL
Z
a
é

SELECT MIN(RATIO) AS LOW, MAX(RATIO) AS HIGH, SUM(RATIO) AS TOTAL FROM SAMPLE;
LOW | HIGH | TOTAL
-1234.5 | 0.1 | -1234.4

# A bigdec column is an unconstrained DECIMAL: what a cast or an aggregate pads to the planner's
# scale of 500 comes back without the padding (as PostgreSQL's numeric), in a join and a GROUP BY too
SELECT SUM(AMOUNT * 2) AS S, SUM(CAST(AMOUNT AS DECIMAL(1000, 500))) AS C FROM SAMPLE;
S | C
24691357802469135780.246913578 | 12345678901234567890.123456789

SELECT CAST(AMOUNT AS DECIMAL(1000, 500)) AS D, CAST(AMOUNT AS DECIMAL(1000, 500)) * 0 AS Z FROM SAMPLE WHERE AMOUNT IS NOT NULL;
D | Z
12345678901234567890.123456789 | 0

SELECT s.LABEL, SUM(t.AMOUNT * 3) AS S FROM SAMPLE s JOIN SAMPLE t ON t.DB_ID = s.DB_ID GROUP BY s.LABEL HAVING SUM(t.AMOUNT) > 0;
LABEL | S
Zürich ☃ 日本 😀 | 37037036703703703670.370370367

# Division of decimals keeps the operands' digits and 16 more (Calcite's own stops at 16 in all)
SELECT AVG(AMOUNT) AS A, AMOUNT / 3 AS THIRD, AMOUNT / SMALL AS TINY FROM SAMPLE WHERE AMOUNT IS NOT NULL GROUP BY AMOUNT, SMALL;
A | THIRD | TINY
12345678901234567890.123456789 | 4115226300411522630.041152263 | -1.33852118855269738353349498699660508060915731

SELECT AMOUNT / 0 AS X FROM SAMPLE WHERE AMOUNT IS NOT NULL;
!error 22012
