"""The one exception hierarchy of the core.

Every expected failure is an ``EcoDeskError``: its message is a translatable template (shown in the user's
language by ``str(error)``), its parameters never carry confidential values (references, field paths, counts
and file formats only), and its ``exit_code`` is what the command line returns.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ecodesk.i18n import N_, translator


class EcoDeskError(Exception):
    """Base of every expected failure. ``str()`` gives the message in the current language."""

    exit_code: ClassVar[int] = 1
    default_message: ClassVar[str] = N_("The operation failed.")

    def __init__(self, message: str | None = None, /, **params: Any) -> None:
        self.template = message or self.default_message
        self.params = params
        super().__init__(self.template)

    def translated(self, lang: str | None = None) -> str:
        return translator(lang).gettext(self.template, **self.params)

    def __str__(self) -> str:
        return self.translated()


class InvalidInput(EcoDeskError):
    """Input that does not have the expected form: bad JSON, a schema error, an unusable file."""

    exit_code = 2
    default_message = N_("The input is not valid.")


class WrongPassphrase(EcoDeskError):
    exit_code = 3
    default_message = N_("Wrong passphrase or not an EcoDesk vault.")


class NotFound(EcoDeskError):
    exit_code = 4
    default_message = N_("No such record.")


class PackageRejected(EcoDeskError):
    """A case package that is refused (signature, hash, sender, format, limits). Nothing was changed."""

    exit_code = 5
    default_message = N_("The package was refused.")


class VaultBusy(EcoDeskError):
    exit_code = 6
    default_message = N_("The vault is open in another EcoDesk window or process. Close it there, then try again.")


class VaultDamaged(EcoDeskError):
    exit_code = 7
    default_message = N_("The vault is damaged. Nothing was changed. Restore it from a backup or contact HQ support.")


class VaultNotFound(EcoDeskError):
    exit_code = 8
    default_message = N_("No vault was found at {path}. Create one with 'ecodesk init'.")


class VaultExists(EcoDeskError):
    exit_code = 8
    default_message = N_("A vault already exists at {path}. Nothing was changed.")


class Conflict(EcoDeskError):
    """A save based on an older revision than the one stored: the user must look at the newer one first."""

    exit_code = 9
    default_message = N_(
        "{reference} was changed elsewhere since you opened it (now revision {revision}). "
        "Open it again to see the changes."
    )


class StorageFull(EcoDeskError):
    exit_code = 10
    default_message = N_("The disk is full. Nothing was saved. Free some space, then try again.")


class VaultRolledBack(VaultDamaged):
    """The database ends before the newest audit event kept outside it: commits were lost or an older copy was
    put back. ``vault verify`` tells how many events are missing; ``vault accept-rollback`` continues anyway."""

    default_message = N_(
        "The vault was rolled back: audit events recorded earlier are missing (the newest changes were lost, or "
        "the vault was replaced by an older copy). Restore your last backup with 'ecodesk vault restore', or "
        "accept the loss with 'ecodesk vault accept-rollback'."
    )

    @classmethod
    def found(cls, missing: int | None, backup: str, *, altered: bool = False) -> VaultRolledBack:
        if altered and not missing:
            return cls(
                N_(
                    "The record of the vault's newest audit event, kept outside the database, was altered or "
                    "damaged: the vault may have been rolled back. Check it with 'ecodesk vault verify', then "
                    "restore your last backup or accept with 'ecodesk vault accept-rollback'."
                )
            )
        if missing is not None and backup:
            return cls(
                N_(
                    "The vault was rolled back: audit events recorded earlier are missing ({missing}; the newest "
                    "changes were lost, or the vault was replaced by an older copy). Restore the last backup "
                    "({backup}) with 'ecodesk vault restore', or accept the loss with 'ecodesk vault "
                    "accept-rollback'."
                ),
                missing=missing,
                backup=backup,
            )
        if missing is not None:
            return cls(
                N_(
                    "The vault was rolled back: audit events recorded earlier are missing ({missing}; the newest "
                    "changes were lost, or the vault was replaced by an older copy). Restore your last backup with "
                    "'ecodesk vault restore', or accept the loss with 'ecodesk vault accept-rollback'."
                ),
                missing=missing,
            )
        return cls()


class VaultReadOnly(EcoDeskError):
    """The vault folder or its files cannot be written by this user (read-only folder, medium or permissions)."""

    exit_code = 11
    default_message = N_(
        "The vault at {path} cannot be written (a read-only folder or files that belong to someone else). Nothing "
        "was changed. Check the folder's permissions, or copy the vault to a folder you can write."
    )
