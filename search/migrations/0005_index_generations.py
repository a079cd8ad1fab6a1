"""The index in generations, with its bitmaps stored beside it (docs/adr/0001-search-bitmaps.md).

The old rows are deleted: run ``manage.py rebuild_search_index`` after migrating. PostgreSQL's
vector is now weighted title A, summary B, body C (ts_rank_cd ranks with those weights); the
SQLite FTS5 table gets the same three columns (bm25 weighs them).
"""

from django.db import migrations, models

PG_VECTOR = (
    "setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A') || "
    "setweight(to_tsvector('italian_unaccent'::regconfig, summary), 'B') || "
    "setweight(to_tsvector('italian_unaccent'::regconfig, body || ' ' || synonyms), 'C')"
)
OLD_PG_VECTOR = (
    "setweight(to_tsvector('italian_unaccent'::regconfig, title), 'A') || "
    "setweight(to_tsvector('italian_unaccent'::regconfig, body || ' ' || synonyms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, indexed_text), 'D')"
)
BEFORE = {
    "postgresql": [
        "DELETE FROM search_searchfacet",
        "DELETE FROM search_searchdocument",
        "DELETE FROM search_searchindexchange",
        "DELETE FROM search_searchindexstate",
        "DROP INDEX IF EXISTS search_document_title_vector",
        "DROP INDEX IF EXISTS search_document_vector",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    ],
    "sqlite": [
        "DELETE FROM search_searchfacet",
        "DELETE FROM search_searchdocument",
        "DELETE FROM search_searchindexchange",
        "DELETE FROM search_searchindexstate",
        "DROP TABLE IF EXISTS search_fts",
    ],
}
AFTER = {
    "postgresql": [
        f"ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')",
    ],
}
AFTER_BACKWARD = {
    "postgresql": ["ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector"],
    "sqlite": ["DROP TABLE IF EXISTS search_fts"],
}
BEFORE_BACKWARD = {
    "postgresql": [
        "DELETE FROM search_searchdocument",
        f"ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({OLD_PG_VECTOR}) STORED",
        "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "title, body, words, tokenize = 'unicode61 remove_diacritics 2')",
    ],
}


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0004_generated_vector")]

    operations = [
        migrations.RunPython(run(BEFORE), run(BEFORE_BACKWARD)),
        migrations.DeleteModel(name="SearchFacet"),
        migrations.DeleteModel(name="SearchIndexChange"),
        migrations.CreateModel(
            name="SearchIndexChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("key", models.CharField(max_length=120, verbose_name="key")),
            ],
            options={
                "verbose_name": "search index change",
                "verbose_name_plural": "search index changes",
            },
        ),
        migrations.RemoveField(model_name="searchindexstate", name="pruned_through"),
        migrations.AlterField(
            model_name="searchindexstate",
            name="generation",
            field=models.BigIntegerField(
                default=0, help_text="The live generation of the index.", verbose_name="generation"
            ),
        ),
        migrations.AddField(
            model_name="searchindexstate",
            name="base",
            field=models.BigIntegerField(
                default=0,
                help_text="Document id of bit 0 in the live generation's bitmaps.",
                verbose_name="base",
            ),
        ),
        migrations.AddField(
            model_name="searchindexstate",
            name="building",
            field=models.BigIntegerField(
                blank=True,
                help_text="Generation being rebuilt, if any.",
                null=True,
                verbose_name="building",
            ),
        ),
        migrations.AddField(
            model_name="searchindexstate",
            name="building_base",
            field=models.BigIntegerField(default=0, verbose_name="building base"),
        ),
        migrations.RemoveField(model_name="searchdocument", name="indexed_text"),
        migrations.AlterField(
            model_name="searchdocument",
            name="key",
            field=models.CharField(
                help_text='Model and primary key of the indexed object, e.g. "core.standardpage:42".',
                max_length=120,
                verbose_name="key",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="date",
            field=models.DateTimeField(
                blank=True, help_text="Sort date of the hit.", null=True, verbose_name="date"
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="event_end",
            field=models.DateTimeField(
                blank=True,
                help_text="For things on the calendar: when it ends (upcoming or past).",
                null=True,
                verbose_name="event end",
            ),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="generation",
            field=models.BigIntegerField(
                default=0,
                help_text="The index generation this row belongs to.",
                verbose_name="generation",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="summary",
            field=models.TextField(
                blank=True,
                help_text="Short description; weighs more than the body.",
                verbose_name="summary",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Facet name -> [[value, label], ...], as the builder gave them.",
                verbose_name="facets",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.UniqueConstraint(
                fields=("generation", "key"), name="search_document_unique_key"
            ),
        ),
        migrations.CreateModel(
            name="SearchBitmap",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("generation", models.BigIntegerField(verbose_name="generation")),
                ("kind", models.CharField(max_length=8, verbose_name="kind")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="label")),
                ("data", models.BinaryField(blank=True, verbose_name="data")),
                ("version", models.BigIntegerField(default=0, verbose_name="version")),
            ],
            options={
                "verbose_name": "search bitmap",
                "verbose_name_plural": "search bitmaps",
                "indexes": [
                    models.Index(fields=["generation", "version"], name="search_bitmap_version")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("generation", "kind", "name"), name="search_bitmap_unique_name"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "word",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="word"
                    ),
                ),
                ("stem", models.CharField(max_length=40, verbose_name="stem")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(run(AFTER), run(AFTER_BACKWARD)),
    ]
