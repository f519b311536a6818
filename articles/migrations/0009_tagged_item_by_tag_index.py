from django.db import migrations

# Which pieces carry a topic, answered from the index alone: related reading under every
# article and the topic pages look tagged items up by tag, and taggit's own index on the tag
# leaves each row to be read from the table. Created here because the table is taggit's.
CREATE = (
    "CREATE INDEX IF NOT EXISTS taggeditem_tag_type_object_idx "
    "ON taggit_taggeditem (tag_id, content_type_id, object_id)"
)
DROP = "DROP INDEX IF EXISTS taggeditem_tag_type_object_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_author_name_and_block_size_limits"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
