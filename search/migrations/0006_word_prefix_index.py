"""PostgreSQL: prefixes typed so far (``word LIKE 'coll%'``) use an index on the vocabulary;
with the database's default collation the primary key's index cannot serve LIKE. SQLite
compares bytes, so the primary key serves its range query already."""

from django.db import migrations


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_generations")]

    operations = [
        migrations.RunPython(
            run("CREATE INDEX search_word_prefix ON search_searchword (word varchar_pattern_ops)"),
            run("DROP INDEX IF EXISTS search_word_prefix"),
        )
    ]
