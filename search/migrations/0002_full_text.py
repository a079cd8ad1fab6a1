"""Full-text storage next to the documents, per database vendor.

PostgreSQL: the ``unaccent`` extension, an ``italian_unaccent`` text search configuration
(accents folded, then the Italian Snowball stemmer and stopwords), a ``search_vector`` column
with a GIN index. SQLite: an FTS5 table ``search_fts`` (rowid = document id) holding the text
already folded and stemmed in Python (see ``search/text.py``).
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'italian_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION italian_unaccent (COPY = italian);
        ALTER TEXT SEARCH CONFIGURATION italian_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
      END IF;
    END
    $$;
    """,
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    # Title-only matches (ranked first) use their own index rather than weights in the vector.
    "CREATE INDEX search_document_title_vector ON search_searchdocument "
    "USING GIN (to_tsvector('italian_unaccent'::regconfig, title))",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, words, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
