#include "widgets/sweep_dialog.h"

#include "base/error.h"
#include "orchestration/sweep.h"
#include "a11y/accessibility.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tl::ui {

namespace {

enum Column { SettingColumn, ValuesColumn };

// The settings a class sweeps most, by their path in the experiment file; any other path can
// be typed.
QStringList commonPaths(const experiment::ExperimentConfig &c)
{
    QStringList paths{QStringLiteral("model.name"), QStringLiteral("model.weights"),
                      QStringLiteral("model.head")};
    for (std::size_t s = 0; s < c.stages.size(); ++s) {
        const QString p = QStringLiteral("stages.%1.").arg(s);
        paths << p + "freeze" << p + "optimizer.lr" << p + "optimizer.name" << p + "batch_size"
              << p + "epochs";
    }
    paths << QStringLiteral("data.train_fraction") << QStringLiteral("data.per_class")
          << QStringLiteral("augment") << QStringLiteral("seed");
    return paths;
}

QString duration(double s)
{
    if (s < 90)
        return QObject::tr("%1 s").arg(qRound(s));
    if (s < 5400)
        return QObject::tr("%1 min").arg(qRound(s / 60));
    return QObject::tr("%1 h %2 min").arg(int(s / 3600)).arg(qRound(std::fmod(s, 3600) / 60));
}

} // namespace

QString sweepValueJson(const QString &typed)
{
    const QString t = typed.trimmed();
    bool ok = false;
    t.toDouble(&ok);
    if (ok || t == QLatin1String("true") || t == QLatin1String("false") ||
        t == QLatin1String("null"))
        return t;
    return QString::fromStdString(nlohmann::json(t.toStdString()).dump());
}

SweepDialog::SweepDialog(const experiment::ExperimentConfig &base, Estimate estimate,
                         QWidget *parent)
    : QDialog(parent), m_base(base), m_estimate(std::move(estimate))
{
    setWindowTitle(tr("Sweep: many runs from the current settings"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Each row is a setting of the current experiment and the values to try, separated "
           "by commas. Every combination becomes one run (a grid); repeats run each with "
           "another seed, for error bars."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 2);
    m_table->setHorizontalHeaderLabels({tr("Setting"), tr("Values (comma-separated)")});
    m_table->horizontalHeader()->setSectionResizeMode(SettingColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(SettingColumn, 220);
    m_table->verticalHeader()->hide();
    a11y::name(m_table, tr("Settings to sweep and their values"));
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::itemChanged, this, &SweepDialog::replan);

    auto *rowButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("+ Setting"));
    auto *removeRow = new QPushButton(tr("− Setting"));
    a11y::name(add, tr("Add a setting"));
    a11y::name(removeRow, tr("Remove the current setting"));
    rowButtons->addWidget(add);
    rowButtons->addWidget(removeRow);
    rowButtons->addStretch();
    layout->addLayout(rowButtons);
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        if (m_table->rowCount() > 1)
            m_table->removeRow(m_table->currentRow() >= 0 ? m_table->currentRow()
                                                          : m_table->rowCount() - 1);
        replan();
    });

    auto *form = new QFormLayout;
    m_repeats = new QSpinBox;
    m_repeats->setRange(1, 10);
    m_repeats->setToolTip(tr("Runs of each point with seeds seed, seed+1, ...: the results "
                             "show mean ± standard deviation"));
    form->addRow(tr("Repeats (seeds)"), m_repeats);
    m_name = new QLineEdit(QStringLiteral("sweep"));
    form->addRow(tr("Sweep name"), m_name);
    layout->addLayout(form);
    connect(m_repeats, &QSpinBox::valueChanged, this, &SweepDialog::replan);

    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("sweepSummary"));
    layout->addWidget(m_summary);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add to queue"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // A first row that a class sweeps at once: the learning rate of the first stage.
    addRow(QStringLiteral("stages.0.optimizer.lr"), QStringLiteral("0.0001, 0.001, 0.01"));
    resize(620, 420);
    a11y::prepareWindow(this);
}

SweepDialog::~SweepDialog() = default;

void SweepDialog::addRow(const QString &path, const QString &values)
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *combo = new QComboBox;
    combo->setEditable(true);
    combo->addItems(commonPaths(m_base));
    a11y::name(combo, tr("Setting"));
    combo->setCurrentText(path);
    connect(combo, &QComboBox::currentTextChanged, this, &SweepDialog::replan);
    m_table->setCellWidget(row, SettingColumn, combo);
    m_table->setItem(row, ValuesColumn, new QTableWidgetItem(values));
    replan();
}

void SweepDialog::setRow(int row, const QString &path, const QString &values)
{
    while (m_table->rowCount() <= row)
        addRow();
    if (auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, SettingColumn)))
        combo->setCurrentText(path);
    m_table->item(row, ValuesColumn)->setText(values);
    replan();
}

void SweepDialog::setRepeats(int repeats)
{
    m_repeats->setValue(repeats);
}

void SweepDialog::setSweepName(const QString &name)
{
    m_name->setText(name);
}

QString SweepDialog::sweepName() const
{
    QString n = m_name->text().trimmed();
    n.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    return n.isEmpty() ? QStringLiteral("sweep") : n;
}

QString SweepDialog::summaryText() const
{
    return m_summary->text();
}

void SweepDialog::replan()
{
    m_plan.reset();
    QString problem;
    try {
        nlohmann::json parameters = nlohmann::json::object();
        for (int r = 0; r < m_table->rowCount(); ++r) {
            const auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(r, SettingColumn));
            const QString path = combo ? combo->currentText().trimmed() : QString();
            const QString values =
                m_table->item(r, ValuesColumn) ? m_table->item(r, ValuesColumn)->text() : QString();
            if (path.isEmpty() && values.trimmed().isEmpty())
                continue;
            if (path.isEmpty())
                throw Error(tr("row %1 has values but no setting").arg(r + 1).toStdString());
            nlohmann::json list = nlohmann::json::array();
            for (const QString &v : values.split(',', Qt::SkipEmptyParts))
                if (!v.trimmed().isEmpty())
                    list.push_back(nlohmann::json::parse(sweepValueJson(v).toStdString()));
            if (list.empty())
                throw Error(tr("'%1' has no values").arg(path).toStdString());
            parameters[path.toStdString()] = list;
        }
        if (parameters.empty())
            throw Error(tr("add a setting and the values to try").toStdString());
        nlohmann::json j = nlohmann::json::parse(m_base.toJson());
        j["sweep"] = {
            {"mode", "grid"}, {"repeats", m_repeats->value()}, {"parameters", parameters}};
        m_plan = std::make_unique<runs::SweepPlan>(runs::planSweep(j.dump(), "the sweep", 200));
    } catch (const std::exception &e) {
        problem = QString::fromStdString(e.what());
        problem.remove(QStringLiteral("the sweep: "));
    }
    if (!m_plan) {
        m_summary->setText(tr("<span style='color:#b00020'>Not a valid sweep: %1</span>")
                               .arg(problem.toHtmlEscaped()));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    double total = 0;
    int unknown = 0;
    for (const auto &p : m_plan->points) {
        const double s = m_estimate ? m_estimate(p.config) : -1;
        if (s < 0)
            ++unknown;
        else
            total += s;
    }
    const int n = int(m_plan->points.size());
    QString text = n == 1 ? tr("1 run") : tr("%1 runs").arg(n);
    if (unknown == 0)
        text += tr(" · about %1 at the speed measured for these models").arg(duration(total));
    else if (unknown < n)
        text += tr(" · at least %1; %2 of them use a model with no finished run to time it by")
                    .arg(duration(total))
                    .arg(unknown);
    else
        text += tr(" · time unknown: no finished run of these models to time them by");
    m_summary->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

} // namespace tl::ui
