#pragma once

#include <QKeySequence>
#include <QList>

class QAction;
class QObject;
class QString;

namespace Rwb {

// Gives a command of the window its object name (how menus and tests tell it apart), its shortcuts, and
// a status tip saying what it does; the tooltip says it too, with the first shortcut.
void describeCommand(QAction *action, const char *name, const QList<QKeySequence> &keys, const QString &tip);
// A new command, described so.
QAction *newCommand(QObject *parent, const char *name, const QString &text, const QList<QKeySequence> &keys,
                    const QString &tip);

}  // namespace Rwb
