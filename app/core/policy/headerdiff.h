#pragma once

#include "core/http/trace.h"

namespace Rwb {

// How one request header of a hop compares with the previous hop's request.
struct HeaderChange {
    enum class Kind { Kept, Added, Removed, Changed };
    Kind kind = Kind::Kept;
    QByteArray name;      // as spelled in the newer list (the older one for Removed)
    QByteArray oldValue;  // Kept, Changed, Removed
    QByteArray newValue;  // Kept, Changed, Added
    QString reason;       // why, when a note (or the change of host) explains it; may be empty
};
QString headerChangeKindName(HeaderChange::Kind kind);  // "kept", "added", "removed", "changed"

// Compares two header lists (case-insensitive names; repeated names compared in order), explaining
// removals and changes from `notes`: the notes of the hop whose response led from `previous` to
// `current` (credentials-removed, header-removed, body-dropped, method-changed, ...). cookie-sent and
// edited are recorded on the hop whose request they describe: append that hop's notes to explain them.
// The result keeps `current`'s order, with each removed header after the last kept one before it.
QList<HeaderChange> diffHeaders(const HeaderList &previous, const HeaderList &current, const NoteList &notes);

}  // namespace Rwb
