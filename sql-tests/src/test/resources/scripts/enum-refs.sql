# Enum refs (docs/sql.md): a ref attribute :ns/name is an enum column when some entity that is not
# an attribute has an ident in namespace ns.name (:artist/type and :artist.type/person, as in
# Datomic's mbrainz sample), or when :db.sql/enum true says so (:artist/country and :country/CA);
# :db.sql/enum false says it is not. An enum column is VARCHAR holding the target's ident text,
# written like a keyword column (':artist.type/person'); a target without an ident reads as its
# entity id in digits. Filters on it are AVET lookups of the entity the ident names.
@edn
[{:db/ident :artist/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :artist/type :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :artist/gender :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :artist/country :db/valueType :db.type/ref :db/cardinality :db.cardinality/one :db.sql/enum true}
 {:db/ident :artist/genres :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}
 {:db/ident :artist/label :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :artist/origin :db/valueType :db.type/ref :db/cardinality :db.cardinality/one :db.sql/enum false}
 {:db/ident :label/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :artist.type/person}
 {:db/ident :artist.type/group}
 {:db/ident :artist.gender/female}
 {:db/ident :artist.gender/male}
 {:db/ident :artist.genres/folk}
 {:db/ident :artist.genres/rock}
 {:db/ident :artist.origin/unknown}
 {:db/ident :country/CA}
 {:db/ident :country/GB}]
@end

@edn
[{:db/id "columbia" :label/name "Columbia"}
 {:db/id "leonard" :artist/name "Leonard Cohen" :artist/type :artist.type/person :artist/gender :artist.gender/male
  :artist/country :country/CA :artist/genres [:artist.genres/folk] :artist/label "columbia"
  :artist/origin :artist.origin/unknown}
 {:artist/name "Joni Mitchell" :artist/type :artist.type/person :artist/gender :artist.gender/female
  :artist/country :country/CA :artist/genres [:artist.genres/folk :artist.genres/rock]}
 {:artist/name "The Beatles" :artist/type :artist.type/group :artist/country :country/GB
  :artist/genres [:artist.genres/rock]}
 {:artist/name "Nameless" :artist/type "columbia"}]
@end

# enum columns read the ident text; a plain ref (LABEL) and a denied one (ORIGIN) stay BIGINT
SELECT NAME, TYPE, GENDER, COUNTRY, LABEL IS NOT NULL AS HAS_LABEL FROM ARTIST ORDER BY NAME;
NAME | TYPE | GENDER | COUNTRY | HAS_LABEL
Joni Mitchell | :artist.type/person | :artist.gender/female | :country/CA | false
Leonard Cohen | :artist.type/person | :artist.gender/male | :country/CA | true
Nameless | 17592186044433 | NULL | NULL | false
The Beatles | :artist.type/group | NULL | :country/GB | false

# a filter on an enum column: an AVET lookup of the entity the ident names
SELECT NAME FROM ARTIST WHERE TYPE = ':artist.type/person' ORDER BY NAME;
NAME
Joni Mitchell
Leonard Cohen

EXPLAIN PLAN FOR SELECT NAME FROM ARTIST WHERE TYPE = ':artist.type/person';
!plan
ARTIST
AVET
TYPE in [:artist.type/person]

SELECT NAME FROM ARTIST WHERE COUNTRY IN (':country/GB', ':country/XX') ORDER BY NAME;
NAME
The Beatles

SELECT NAME FROM ARTIST WHERE COUNTRY <> ':country/CA' ORDER BY NAME;
NAME
The Beatles

# text that names no entity of the enum, or another enum's value, matches nothing
SELECT NAME FROM ARTIST WHERE TYPE = 'person';
NAME

SELECT NAME FROM ARTIST WHERE TYPE = ':artist.gender/female';
NAME

SELECT NAME FROM ARTIST WHERE TYPE = ':no/such-ident';
NAME

# enum text compares as text: LIKE and ranges run as filters
SELECT NAME FROM ARTIST WHERE GENDER LIKE '%female' ORDER BY NAME;
NAME
Joni Mitchell

SELECT NAME FROM ARTIST WHERE TYPE > ':artist.type/h' ORDER BY NAME;
NAME
Joni Mitchell
Leonard Cohen

EXPLAIN PLAN FOR SELECT NAME FROM ARTIST WHERE TYPE > ':artist.type/h';
!plan
AEVT

SELECT TYPE, COUNT(*) AS N FROM ARTIST GROUP BY TYPE ORDER BY TYPE;
TYPE | N
17592186044433 | 1
:artist.type/group | 1
:artist.type/person | 2

# a target without an ident reads as its entity id in digits
SELECT A.NAME, L.NAME AS LABEL FROM ARTIST A JOIN LABEL L ON A.TYPE = CAST(L.DB_ID AS VARCHAR);
NAME | LABEL
Nameless | Columbia

SELECT COUNT(*) AS N FROM ARTIST A JOIN LABEL L ON A.LABEL = L.DB_ID;
N
1

# and the digits find it as a lookup too
SELECT A.NAME FROM ARTIST A WHERE A.TYPE = (SELECT CAST(DB_ID AS VARCHAR) FROM LABEL);
NAME
Nameless

# :db.sql/enum false: ORIGIN is the BIGINT id although :artist.origin/unknown exists
SELECT COUNT(*) AS N FROM ARTIST WHERE ORIGIN > 0;
N
1

# cardinality-many enum refs: the child table's value column reads idents too
SELECT A.NAME, G.GENRES FROM ARTIST A JOIN ARTIST_GENRES G ON G.ARTIST_ID = A.DB_ID ORDER BY A.NAME, G.GENRES;
NAME | GENRES
Joni Mitchell | :artist.genres/folk
Joni Mitchell | :artist.genres/rock
Leonard Cohen | :artist.genres/folk
The Beatles | :artist.genres/rock

SELECT A.NAME FROM ARTIST A JOIN ARTIST_GENRES G ON G.ARTIST_ID = A.DB_ID WHERE G.GENRES = ':artist.genres/rock'
ORDER BY A.NAME;
NAME
Joni Mitchell
The Beatles

EXPLAIN PLAN FOR SELECT ARTIST_ID FROM ARTIST_GENRES WHERE GENRES = ':artist.genres/rock';
!plan
ARTIST_GENRES
AVET

# a renamed ident reads as its new name; its old name still finds the entity, but the filter
# compares the text the column reads
@edn
[{:db/id :artist.type/group :db/ident :artist.type/band}]
@end

SELECT NAME, TYPE FROM ARTIST WHERE TYPE = ':artist.type/band';
NAME | TYPE
The Beatles | :artist.type/band

SELECT NAME, TYPE FROM ARTIST WHERE TYPE = ':artist.type/group';
NAME | TYPE

# a ref becomes an enum when its first enum value is installed (the model follows the schema)
@edn
[{:db/ident :label/kind :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id [:artist/name "The Beatles"] :artist/label "apple"}
 {:db/id "apple" :label/name "Apple" :label/kind [:label/name "Columbia"]}]
@end

SELECT L.NAME, K.NAME AS KIND FROM LABEL L JOIN LABEL K ON L.KIND = K.DB_ID;
NAME | KIND
Apple | Columbia

@edn
[{:db/ident :label.kind/major}]
@end

# KIND is VARCHAR now: Columbia, which has no ident, reads as its id in digits
SELECT L.NAME, K.NAME AS KIND FROM LABEL L JOIN LABEL K ON L.KIND = CAST(K.DB_ID AS VARCHAR);
NAME | KIND
Apple | Columbia

@edn
[{:db/id [:label/name "Apple"] :label/kind :label.kind/major}]
@end

SELECT NAME, KIND FROM LABEL WHERE KIND IS NOT NULL;
NAME | KIND
Apple | :label.kind/major
