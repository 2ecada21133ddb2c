#pragma once

#include <QFrame>
#include <QHash>
#include <QIcon>
#include <QImage>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace tl::ui {

class TeachSession;

// The top classes of a live prediction as horizontal bars, the best first.
class ClassBars : public QWidget
{
    Q_OBJECT

public:
    explicit ClassBars(QWidget *parent = nullptr);
    void setPrediction(const QStringList &classes, const QVector<float> &probabilities);
    void clear();
    QString topClass() const; // empty before a prediction
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QStringList m_classes;
    QVector<float> m_probabilities;
};

// Teach by example, for a classroom: classes by name, frames recorded from a camera (a webcam or
// a video file) while a button or key is held, or image files dropped in; thumbnails per class
// (a click deletes one); "Train" trains only a head on features computed while recording, then
// the camera image shows with the top classes as bars. The project is an ordinary folder dataset
// (TeachSession, TeachProject); "Train as an experiment" hands it to the Data tab.
class TeachPanel : public QWidget
{
    Q_OBJECT

public:
    // `projectFolder`: the project opened the first time the tab is shown.
    explicit TeachPanel(const QString &projectFolder, QWidget *parent = nullptr);
    ~TeachPanel() override;

    TeachSession *session() const { return m_session; }
    void openProject(const QString &folder);
    void setPresentation(bool on);
    QString topClass() const { return m_bars->topClass(); }

Q_SIGNALS:
    // The project's folder as a dataset, for a full experiment (the Data tab).
    void experimentRequested(const QString &folder);
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct ClassBox
    {
        QFrame *frame = nullptr;
        QLabel *count = nullptr, *hint = nullptr;
        QPushButton *record = nullptr;
        QListWidget *thumbs = nullptr;
    };
    QWidget *buildTopBar();
    QWidget *buildCameraRow();
    QWidget *buildClassColumn();
    QWidget *buildLiveColumn();
    void rebuildClasses();
    ClassBox makeClassBox(int cls);
    void updateClassBox(int cls);
    void addThumbnail(int cls, const QString &path);
    void onThumbnail(const QString &path, const QImage &image);
    void addClass();
    void chooseVideo();
    void applyCameraSource();
    void updateWeightsNotice();
    void downloadWeights();
    void applyBackbone();
    void updateTrainButton();
    void showStatus(const QString &text);

    TeachSession *m_session;
    QString m_defaultFolder;
    QLabel *m_projectLabel = nullptr, *m_weightsNotice = nullptr, *m_status = nullptr;
    QLabel *m_cameraView = nullptr, *m_featuresLabel = nullptr;
    QComboBox *m_source = nullptr, *m_backbone = nullptr;
    QCheckBox *m_imagenet = nullptr;
    QPushButton *m_cameraButton = nullptr, *m_download = nullptr, *m_train = nullptr;
    QPushButton *m_live = nullptr;
    QLineEdit *m_newClass = nullptr;
    QVBoxLayout *m_classLayout = nullptr;
    QProgressBar *m_progress = nullptr;
    ClassBars *m_bars = nullptr;
    std::vector<ClassBox> m_boxes;
    QHash<QString, QIcon> m_icons; // thumbnails by path, kept across rebuilds
    QImage m_frame;
    int m_keyRecording = -1;
    bool m_presentation = false;
};

} // namespace tl::ui
