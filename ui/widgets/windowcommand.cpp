#include "widgets/windowcommand.h"

#include <QAction>

namespace Rwb {

void describeCommand(QAction *action, const char *name, const QList<QKeySequence> &keys, const QString &tip)
{
    action->setObjectName(QLatin1String(name));
    action->setShortcuts(keys);
    action->setToolTip(keys.isEmpty() ? tip
                                      : QStringLiteral("%1 (%2)").arg(
                                          tip, keys.constFirst().toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    action->setShortcutContext(Qt::WindowShortcut);
}

QAction *newCommand(QObject *parent, const char *name, const QString &text, const QList<QKeySequence> &keys,
                    const QString &tip)
{
    auto *action = new QAction(text, parent);
    describeCommand(action, name, keys, tip);
    return action;
}

}  // namespace Rwb
