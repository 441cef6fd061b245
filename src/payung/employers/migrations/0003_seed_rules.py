from django.db import migrations

from payung.employers.rules import seed


class Migration(migrations.Migration):
    dependencies = [("employers", "0002_employers")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
