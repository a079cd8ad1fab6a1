"""Search documents are keyed by model label ("members.topic:5"): the community models moved to
the communities app, so their documents take the new label (no rebuild needed)."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

MOVED = {
    "members": ["communityindexpage", "communitypage", "communitymembership", "topic", "post", "follow"],
    "events": ["meetingpage"],
}


def relabel(apps, schema_editor, forward=True):
    for model_name in ("SearchDocument", "SearchIndexChange"):
        model = apps.get_model("search", model_name)
        for old_app, models in MOVED.items():
            source, target = (old_app, "communities") if forward else ("communities", old_app)
            for model_label in models:
                prefix = f"{source}.{model_label}:"
                model.objects.filter(key__startswith=prefix).update(
                    key=Concat(Value(f"{target}.{model_label}:"), Substr(F("key"), len(prefix) + 1))
                )


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_word_prefix_index"),
        ("communities", "0001_move_communities"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
