"""Uploads on the server's disk. A full disk, a quota or a file-size limit reached while a scan
or photo is written is the person's clear error, and the service's transaction keeps the record
as it was. The half-written file stays, named by no record: which name Django gave it is not
known here for sure, and removing a file by a guessed name could remove someone else's."""

import errno

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from .errors import DomainError

NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class UploadStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in NO_ROOM:
                raise
            raise DomainError(
                "storage_full",
                _(
                    "The file could not be stored: the server has no room for it. Nothing was "
                    "saved. Please try again later, and tell the platform's operator."
                ),
            ) from error
