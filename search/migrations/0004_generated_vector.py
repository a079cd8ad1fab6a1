"""PostgreSQL: the ``search_vector`` column becomes a stored generated column.

Writing it with an ``UPDATE`` after each insert left a dead copy of every row: after a rebuild
the table was twice its size and word lookups read twice the pages. Now PostgreSQL computes
the vector as the row is written (same expression as before). SQLite is unchanged.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A') || "
    "setweight(to_tsvector('italian_unaccent'::regconfig, body || ' ' || synonyms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, indexed_text), 'D')"
)
FORWARD = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    f"UPDATE search_searchdocument SET search_vector = {VECTOR}",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_change_log")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
