import os

from django.core.wsgi import get_wsgi_application

from payung.core.startup import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
application = get_wsgi_application()
settle()
