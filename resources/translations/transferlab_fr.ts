<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>… %n point(s) …</source>
        <translation>
            <numerusform>… %n point …</numerusform>
            <numerusform>… %n points …</numerusform>
        </translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Pas encore de valeurs.</translation>
    </message>
    <message>
        <source>%1: choices</source>
        <translation>%1 : choix</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>TransferLab will use %1 when it starts again.</source>
        <translation>TransferLab utilisera %1 au prochain démarrage.</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>la langue du système</translation>
    </message>
    <message>
        <source>CPU, up to %1 threads (CUDA when available)</source>
        <translation>CPU, jusqu&apos;à %1 threads (CUDA si disponible)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>validating</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>epoch&apos;s confusion matrix</source>
        <translation>matrice de confusion de l&apos;époque</translation>
    </message>
    <message>
        <source>testing</source>
        <translation>test</translation>
    </message>
    <message>
        <source>backbone features</source>
        <translation>caractéristiques du backbone</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) written to %1.</source>
        <translation>
            <numerusform>%n correction écrite dans %1.</numerusform>
            <numerusform>%n corrections écrites dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 relabelled, %2 set aside in %3.</source>
        <translation>%1 réétiquetées, %2 mises de côté dans %3.</translation>
    </message>
    <message>
        <source>%1 relabelled in %2; %3 set aside in %4.</source>
        <translation>%1 réétiquetées dans %2 ; %3 mises de côté dans %4.</translation>
    </message>
</context>
<context>
    <name>tl::ui::CalibrationPanel</name>
    <message>
        <source>Train a model or open a run to see how far its confidence can be trusted.</source>
        <translation>Entraînez un modèle ou ouvrez une exécution pour voir jusqu&apos;où on peut se fier à sa confiance.</translation>
    </message>
    <message>
        <source>&amp;Calibrate on the validation images</source>
        <translation>&amp;Calibrer sur les images de validation</translation>
    </message>
    <message>
        <source>Temperature scaling: one number T, fitted on the validation images, divides the model&apos;s outputs so that its confidence matches how often it is right. It never changes which class is predicted. Also sets when Predict says &quot;I don&apos;t know&quot;.</source>
        <translation>Mise à l&apos;échelle par température : un seul nombre T, ajusté sur les images de validation, divise les sorties du modèle pour que sa confiance corresponde à la fréquence à laquelle il a raison. La classe prédite ne change jamais. Détermine aussi quand Prédire répond « Je ne sais pas ».</translation>
    </message>
    <message>
        <source>Reliability: is it right as often as it is sure?</source>
        <translation>Fiabilité : a-t-il raison aussi souvent qu&apos;il en est sûr ?</translation>
    </message>
    <message>
        <source>confidence (probability of the predicted class)</source>
        <translation>confiance (probabilité de la classe prédite)</translation>
    </message>
    <message>
        <source>share right</source>
        <translation>part correcte</translation>
    </message>
    <message>
        <source>accuracy per confidence bin</source>
        <translation>exactitude par tranche de confiance</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>parfaitement calibré</translation>
    </message>
    <message>
        <source>before calibrating</source>
        <translation>avant calibration</translation>
    </message>
    <message>
        <source>Precision and recall of one class</source>
        <translation>Précision et rappel d&apos;une classe</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>rappel</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>précision</translation>
    </message>
    <message>
        <source>as the threshold rises</source>
        <translation>quand le seuil augmente</translation>
    </message>
    <message>
        <source>at the threshold</source>
        <translation>au seuil</translation>
    </message>
    <message>
        <source>Among the images predicted as this class and accepted by the threshold: the share that are right (precision) and the share of the class&apos;s images found (recall)</source>
        <translation>Parmi les images prédites dans cette classe et acceptées par le seuil : la part de bonnes réponses (précision) et la part des images de la classe trouvées (rappel)</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>C&amp;lasse :</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Below it the model says &quot;not sure&quot;; arrow keys move it by 1 %.</source>
        <translation>En dessous, le modèle dit « pas sûr » ; les flèches le déplacent de 1 %.</translation>
    </message>
    <message>
        <source>accepted and right</source>
        <translation>accepté et correct</translation>
    </message>
    <message>
        <source>accepted but wrong</source>
        <translation>accepté mais faux</translation>
    </message>
    <message>
        <source>not sure</source>
        <translation>pas sûr</translation>
    </message>
    <message>
        <source>The test images in the chosen group, the most confident first</source>
        <translation>Les images de test du groupe choisi, les plus sûres d&apos;abord</translation>
    </message>
    <message>
        <source>Images in the chosen group</source>
        <translation>Images du groupe choisi</translation>
    </message>
    <message>
        <source>Threshold: below it the model says &quot;not sure&quot;</source>
        <translation>Seuil : en dessous, le modèle dit « pas sûr »</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>A&amp;fficher :</translation>
    </message>
    <message>
        <source>Load the run&apos;s dataset (Data tab) to calibrate it</source>
        <translation>Chargez le jeu de données de l&apos;exécution (onglet Données) pour la calibrer</translation>
    </message>
    <message>
        <source>The model&apos;s own probabilities (%1). Not calibrated.</source>
        <translation>Les probabilités propres du modèle (%1). Non calibré.</translation>
    </message>
    <message>
        <source>The model&apos;s own probabilities (%1). &lt;b&gt;Not calibrated&lt;/b&gt;: Calibrate fits one temperature on the validation images and sets when Predict says &quot;I don&apos;t know&quot;.</source>
        <translation>Les probabilités propres du modèle (%1). &lt;b&gt;Non calibré&lt;/b&gt; : Calibrer ajuste une température sur les images de validation et détermine quand Prédire répond « Je ne sais pas ».</translation>
    </message>
    <message>
        <source>&lt;b&gt;Calibrated&lt;/b&gt;: T = %1, fitted on %2 validation images; test ECE %3 → %4. Predictions, galleries and Predict use the calibrated probabilities.&lt;br&gt;&quot;I don&apos;t know&quot; above an unfamiliar score of %5 (%6 of the validation images).%7</source>
        <translation>&lt;b&gt;Calibré&lt;/b&gt; : T = %1, ajusté sur %2 images de validation ; ECE de test %3 → %4. Les prédictions, les galeries et Prédire utilisent les probabilités calibrées.&lt;br&gt;« Je ne sais pas » au-dessus d&apos;un score d&apos;étrangeté de %5 (%6 des images de validation).%7</translation>
    </message>
    <message>
        <source>&lt;br&gt;Load the run&apos;s dataset to see the calibrated test images.</source>
        <translation>&lt;br&gt;Chargez le jeu de données de l&apos;exécution pour voir les images de test calibrées.</translation>
    </message>
    <message>
        <source>Calibrating: the features and probabilities of every image, then the temperature…</source>
        <translation>Calibration : les caractéristiques et probabilités de chaque image, puis la température…</translation>
    </message>
    <message>
        <source>Reliability on %1 test images, calibrated (T = %2)</source>
        <translation>Fiabilité sur %1 images de test, calibré (T = %2)</translation>
    </message>
    <message>
        <source>Reliability on %1 test images</source>
        <translation>Fiabilité sur %1 images de test</translation>
    </message>
    <message>
        <source>Expected calibration error &lt;b&gt;%1&lt;/b&gt;%2: the gap between confidence and accuracy, averaged over the bins.</source>
        <translation>Erreur de calibration attendue &lt;b&gt;%1&lt;/b&gt;%2 : l&apos;écart entre confiance et exactitude, moyenné sur les tranches.</translation>
    </message>
    <message>
        <source> (before calibrating %1)</source>
        <translation> (avant calibration %1)</translation>
    </message>
    <message>
        <source> When it is at least 90&#xa0;% sure (%1 images) it is right %2 of the time.</source>
        <translation> Quand il est sûr à au moins 90 % (%1 images), il a raison %2 du temps.</translation>
    </message>
    <message>
        <source>Accept a prediction at ≥ %1 % %2</source>
        <translation>Accepter une prédiction à ≥ %1 % %2</translation>
    </message>
    <message>
        <source>(calibrated)</source>
        <translation>(calibré)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e7d32&apos;&gt;✔ accepted and right: &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#c62828&apos;&gt;✘ accepted but wrong: &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#6d6d6d&apos;&gt;? not sure: &lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; of %4 test images%5</source>
        <translation>&lt;span style=&apos;color:#2e7d32&apos;&gt;✔ acceptées et correctes : &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#c62828&apos;&gt;✘ acceptées mais fausses : &lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#6d6d6d&apos;&gt;? pas sûr : &lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; sur %4 images de test%5</translation>
    </message>
    <message>
        <source> · %1 of the accepted are right</source>
        <translation> · %1 des acceptées sont correctes</translation>
    </message>
    <message>
        <source>Precision and recall of %1</source>
        <translation>Précision et rappel de %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::ClassBars</name>
    <message>
        <source>Train, and the classes the camera sees show here</source>
        <translation>Entraînez, et les classes que voit la caméra s&apos;afficheront ici</translation>
    </message>
</context>
<context>
    <name>tl::ui::CompareView</name>
    <message numerus="yes">
        <source>%n test image(s) have another label in B: both runs are scored here against B&apos;s labels.</source>
        <translation>
            <numerusform>%n image de test a une autre étiquette dans B : les deux exécutions sont évaluées ici selon les étiquettes de B.</numerusform>
            <numerusform>%n images de test ont une autre étiquette dans B : les deux exécutions sont évaluées ici selon les étiquettes de B.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two to six runs and click Compare.</source>
        <translation>Sélectionnez deux à six exécutions et cliquez sur Comparer.</translation>
    </message>
    <message>
        <source>Comparison table</source>
        <translation>Tableau comparatif</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitude</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Courbes</translation>
    </message>
    <message>
        <source>&amp;A:</source>
        <translation>&amp;A :</translation>
    </message>
    <message>
        <source>&amp;B:</source>
        <translation>&amp;B :</translation>
    </message>
    <message>
        <source>Run A</source>
        <translation>Exécution A</translation>
    </message>
    <message>
        <source>Run B</source>
        <translation>Exécution B</translation>
    </message>
    <message>
        <source>Confusion difference, B minus A</source>
        <translation>Différence de confusion, B moins A</translation>
    </message>
    <message>
        <source>B&apos;s confusion matrix minus A&apos;s (rows: true class, columns: predicted). &lt;span style=&apos;background:rgba(0,114,178,0.6)&apos;&gt;&amp;nbsp;blue&amp;nbsp;&lt;/span&gt; B is better there, &lt;span style=&apos;background:rgba(213,94,0,0.6)&apos;&gt;&amp;nbsp;orange&amp;nbsp;&lt;/span&gt; worse.</source>
        <translation>Matrice de confusion de B moins celle de A (lignes : vraie classe, colonnes : prédite). &lt;span style=&apos;background:rgba(0,114,178,0.6)&apos;&gt;&amp;nbsp;bleu&amp;nbsp;&lt;/span&gt; : B y est meilleur, &lt;span style=&apos;background:rgba(213,94,0,0.6)&apos;&gt;&amp;nbsp;orange&amp;nbsp;&lt;/span&gt; : moins bon.</translation>
    </message>
    <message>
        <source>Confusion difference</source>
        <translation>Différence de confusion</translation>
    </message>
    <message>
        <source>Images that flipped</source>
        <translation>Images qui ont basculé</translation>
    </message>
    <message>
        <source>Right only with B</source>
        <translation>Correctes seulement avec B</translation>
    </message>
    <message>
        <source>Right only with A</source>
        <translation>Correctes seulement avec A</translation>
    </message>
    <message>
        <source>Feature space of run A</source>
        <translation>Espace des caractéristiques de l&apos;exécution A</translation>
    </message>
    <message>
        <source>Feature space of run B</source>
        <translation>Espace des caractéristiques de l&apos;exécution B</translation>
    </message>
    <message>
        <source>Feature spaces</source>
        <translation>Espaces des caractéristiques</translation>
    </message>
    <message>
        <source>The same test images placed by what each model&apos;s last layer sees (PCA): click a dot to find that image in the other map</source>
        <translation>Les mêmes images de test placées selon ce que voit la dernière couche de chaque modèle (ACP) : cliquez sur un point pour retrouver l&apos;image dans l&apos;autre carte</translation>
    </message>
    <message>
        <source> train</source>
        <translation> entraînement</translation>
    </message>
    <message>
        <source> validation</source>
        <translation> validation</translation>
    </message>
    <message>
        <source>. Dashed: training; solid with dots: validation.</source>
        <translation>. Tirets : entraînement ; trait plein avec points : validation.</translation>
    </message>
    <message>
        <source>Choose two different runs as A and B.</source>
        <translation>Choisissez deux exécutions différentes comme A et B.</translation>
    </message>
    <message>
        <source>The runs&apos; images are not on this computer.</source>
        <translation>Les images des exécutions ne sont pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Computing both models&apos; features of the same test images…</source>
        <translation>Calcul des caractéristiques des deux modèles sur les mêmes images de test…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>%1 · PCA, %2 % of the variance</source>
        <translation>%1 · ACP, %2 % de la variance</translation>
    </message>
    <message>
        <source>%1 test images in each model&apos;s feature space. Classes that one model keeps apart and the other mixes are what its confusion matrix shows; click a dot to find the image in both.</source>
        <translation>%1 images de test dans l&apos;espace des caractéristiques de chaque modèle. Les classes qu&apos;un modèle sépare et que l&apos;autre mélange sont celles que montre sa matrice de confusion ; cliquez sur un point pour retrouver l&apos;image dans les deux.</translation>
    </message>
    <message>
        <source>Right only with B, %1 (%2)</source>
        <translation>Correctes seulement avec B, %1 (%2)</translation>
    </message>
    <message>
        <source>Right only with A, %1 (%2)</source>
        <translation>Correctes seulement avec A, %1 (%2)</translation>
    </message>
    <message>
        <source>A %1: %2 · B %3: %4 test accuracy. B fixes %5 of A&apos;s mistakes and makes %6 new ones; both right on %7, both wrong on %8 images.</source>
        <translation>A %1 : %2 · B %3 : %4 d&apos;exactitude de test. B corrige %5 des erreurs de A et en fait %6 nouvelles ; les deux ont raison sur %7, les deux ont tort sur %8 images.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConfusionDeltaModel</name>
    <message>
        <source>true %1, predicted %2: %3 images %4 with B than with A (%5)</source>
        <translation>vrai %1, prédit %2 : %3 images de %4 avec B qu&apos;avec A (%5)</translation>
    </message>
    <message>
        <source>more</source>
        <translation>plus</translation>
    </message>
    <message>
        <source>fewer</source>
        <translation>moins</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>aucun changement</translation>
    </message>
    <message>
        <source>better</source>
        <translation>meilleur</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>moins bon</translation>
    </message>
</context>
<context>
    <name>tl::ui::ConfusionModel</name>
    <message>
        <source>true %1, predicted %2: %3 images (%4% of the class)
Click to see them.</source>
        <translation>vrai %1, prédit %2 : %3 images (%4 % de la classe)
Cliquez pour les voir.</translation>
    </message>
    <message numerus="yes">
        <source>true %1, predicted %2: %n image(s)</source>
        <translation>
            <numerusform>vrai %1, prédit %2 : %n image</numerusform>
            <numerusform>vrai %1, prédit %2 : %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 % of the class %2. Press Enter to see the images.</source>
        <translation>%1 % de la classe %2. Entrée affiche les images.</translation>
    </message>
    <message>
        <source>true class: %1</source>
        <translation>vraie classe : %1</translation>
    </message>
    <message>
        <source>predicted: %1</source>
        <translation>prédit : %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::DataHealthPanel</name>
    <message>
        <source>Retrain with class weights</source>
        <translation>Réentraîner avec des poids de classe</translation>
    </message>
    <message>
        <source>Queues this run again with Class weights balanced in every stage, beside it: each class then counts as much as the others in the training loss (--class-weights balanced). Runs → Compare shows the two when it has finished.</source>
        <translation>Remet cette exécution en file avec des poids de classe équilibrés à chaque étape, à côté d’elle : chaque classe compte alors autant que les autres dans la perte d’entraînement (--class-weights balanced). Exécutions → Comparer montre les deux quand elle est finie.</translation>
    </message>
    <message>
        <source>Check data &amp;health</source>
        <translation>Vérifier la &amp;santé des données</translation>
    </message>
    <message>
        <source>Look at every image of the data: duplicates and test images leaked from training, outliers, very dark, very bright and blurry images, class imbalance</source>
        <translation>Examiner chaque image des données : doublons et images de test venues de l&apos;entraînement, valeurs aberrantes, images très sombres, très claires et floues, déséquilibre des classes</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Data health progress</source>
        <translation>Progression du contrôle des données</translation>
    </message>
    <message>
        <source>Map the test set first: the health check uses the run&apos;s data and its features.</source>
        <translation>Cartographiez d&apos;abord les données de test : le contrôle utilise les données de l&apos;exécution et leurs caractéristiques.</translation>
    </message>
    <message>
        <source>Data health list</source>
        <translation>Liste du contrôle des données</translation>
    </message>
    <message>
        <source>Which images to show below</source>
        <translation>Les images à afficher ci-dessous</translation>
    </message>
    <message>
        <source>Data health images</source>
        <translation>Images du contrôle des données</translation>
    </message>
    <message>
        <source>The images of the list chosen above</source>
        <translation>Les images de la liste choisie ci-dessus</translation>
    </message>
    <message>
        <source>Press Check data health to look at every image of the data.</source>
        <translation>Appuyez sur Vérifier la santé des données pour examiner chaque image des données.</translation>
    </message>
    <message>
        <source>Looking at every image…</source>
        <translation>Examen de chaque image…</translation>
    </message>
    <message>
        <source>The health check failed: %1</source>
        <translation>Le contrôle des données a échoué : %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message numerus="yes">
        <source>Leakage: %n group(s)</source>
        <translation>
            <numerusform>Fuite : %n groupe</numerusform>
            <numerusform>Fuite : %n groupes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates: %n group(s)</source>
        <translation>
            <numerusform>Doublons : %n groupe</numerusform>
            <numerusform>Doublons : %n groupes</numerusform>
        </translation>
    </message>
    <message>
        <source>Outliers: %1</source>
        <translation>Valeurs aberrantes : %1</translation>
    </message>
    <message>
        <source>Very dark: %1</source>
        <translation>Très sombres : %1</translation>
    </message>
    <message>
        <source>Very bright: %1</source>
        <translation>Très claires : %1</translation>
    </message>
    <message>
        <source>Blurry: %1</source>
        <translation>Floues : %1</translation>
    </message>
    <message>
        <source>Training images per class: %1 (most / fewest %2).</source>
        <translation>Images d&apos;entraînement par classe : %1 (le plus / le moins %2).</translation>
    </message>
    <message>
        <source>#%1 %2 %3
%4%5</source>
        <translation>n° %1 %2 %3
%4%5</translation>
    </message>
    <message>
        <source> (near)</source>
        <translation> (proche)</translation>
    </message>
    <message>
        <source>%1 %2
%3 · %4</source>
        <translation>%1 %2
%3 · %4</translation>
    </message>
    <message>
        <source>Data health summary</source>
        <translation>Résumé du contrôle des données</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Leakage: %n test or validation image(s) repeat training images&lt;/b&gt;, which the score counts as new.&lt;br&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Fuite : %n image de test ou de validation répète des images d&apos;entraînement&lt;/b&gt;, que le score compte comme nouvelle.&lt;br&gt;</numerusform>
            <numerusform>&lt;b&gt;Fuite : %n images de test ou de validation répètent des images d&apos;entraînement&lt;/b&gt;, que le score compte comme nouvelles.&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 images looked at in %2 s: %3 in duplicate groups, %4 outliers, %5 very dark, %6 very bright, %7 blurry.</source>
        <translation>%1 images examinées en %2 s : %3 dans des groupes de doublons, %4 valeurs aberrantes, %5 très sombres, %6 très claires, %7 floues.</translation>
    </message>
    <message>
        <source>Weight the classes in the next run</source>
        <translation>Pondérer les classes à la prochaine exécution</translation>
    </message>
    <message>
        <source>Sets Class weights to balanced for every stage in the Training tab: each class then counts as much as the others in the training loss (--class-weights balanced)</source>
        <translation>Met les poids des classes à « équilibrés » pour chaque étape de l&apos;onglet Entraînement : chaque classe compte alors autant que les autres dans la perte d&apos;entraînement (--class-weights balanced)</translation>
    </message>
    <message>
        <source>Leave &amp;out</source>
        <translation>&amp;Omettre</translation>
    </message>
    <message>
        <source>Add the selected images to the pending label fixes as left out (Labels tab): applied, their files are set aside, or an override file leaves them out of the next run</source>
        <translation>Ajouter les images sélectionnées aux corrections d&apos;étiquettes en attente, comme écartées (onglet Étiquettes) : appliquées, leurs fichiers sont mis de côté, ou un fichier de remplacement les écarte de la prochaine exécution</translation>
    </message>
    <message>
        <source>The check starts when this tab is shown (Check data health checks again).</source>
        <translation>La vérification commence dès que cet onglet s&apos;affiche (Vérifier la santé des données la relance).</translation>
    </message>
    <message>
        <source>Training and validation images per class: %1 (most / fewest %2).</source>
        <translation>Images d&apos;entraînement et de validation par classe : %1 (max / min %2).</translation>
    </message>
    <message>
        <source>#%1 %2%3
%4 %5</source>
        <translation>#%1 %2%3
%4 %5</translation>
    </message>
</context>
<context>
    <name>tl::ui::DataPanel</name>
    <message>
        <source>Fashion-MNIST is installed locally; the others download once into the cache.</source>
        <translation>Fashion-MNIST est installé localement ; les autres sont téléchargés une fois dans le cache.</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>emplacement par défaut</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Dossier du jeu de données</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Browse for the dataset folder</source>
        <translation>Rechercher le dossier du jeu de données</translation>
    </message>
    <message>
        <source>Stratified, seeded subset of the training set (the notebooks use 10 %).</source>
        <translation>Sous-ensemble stratifié et reproductible des données d&apos;entraînement (les notebooks utilisent 10 %).</translation>
    </message>
    <message>
        <source>Held out from the training set for validation, as Keras&apos; validation_split.</source>
        <translation>Mis de côté sur les données d&apos;entraînement pour la validation, comme validation_split de Keras.</translation>
    </message>
    <message>
        <source>Train on some classes only (at least two). The model sees them as classes 0, 1, ... and every chart keeps their names. Transfer learning: pretrain on some classes, then learn the others from a few images.</source>
        <translation>Entraîner sur quelques classes seulement (au moins deux). Le modèle les voit comme classes 0, 1, ... et chaque graphique garde leurs noms. Apprentissage par transfert : pré-entraîner sur certaines classes, puis apprendre les autres à partir de quelques images.</translation>
    </message>
    <message>
        <source>Classes to train on</source>
        <translation>Classes à entraîner</translation>
    </message>
    <message>
        <source>Space ticks or unticks the current class.</source>
        <translation>La barre d&apos;espace coche ou décoche la classe courante.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>toutes</translation>
    </message>
    <message>
        <source>Few-shot: exactly this many training images of each class (drawn with the experiment&apos;s seed); &quot;all&quot; uses every image.</source>
        <translation>Few-shot : exactement ce nombre d&apos;images d&apos;entraînement par classe (tirées avec la graine de l&apos;expérience) ; « toutes » utilise chaque image.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>&amp;Jeu de données :</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>&amp;Training images used:</source>
        <translation>Données d&apos;en&amp;traînement utilisées :</translation>
    </message>
    <message>
        <source>&amp;Validation split:</source>
        <translation>Part de &amp;validation :</translation>
    </message>
    <message>
        <source>Test images used:</source>
        <translation>Données de test utilisées :</translation>
    </message>
    <message>
        <source>C&amp;lasses:</source>
        <translation>C&amp;lasses :</translation>
    </message>
    <message>
        <source>&amp;Images per class:</source>
        <translation>&amp;Images par classe :</translation>
    </message>
    <message>
        <source>Use them again</source>
        <translation>Les réutiliser</translation>
    </message>
    <message>
        <source>Train on every image again</source>
        <translation>Entraîner à nouveau sur toutes les images</translation>
    </message>
    <message>
        <source>Flip left-right</source>
        <translation>Miroir gauche-droite</translation>
    </message>
    <message>
        <source>Flip upside down</source>
        <translation>Retourner haut-bas</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>AutoAugment (CIFAR-10 policy)</source>
        <translation>AutoAugment (politique CIFAR-10)</translation>
    </message>
    <message>
        <source>Augmentation (training images only)</source>
        <translation>Augmentation (images d&apos;entraînement seulement)</translation>
    </message>
    <message>
        <source>&amp;Rotation up to:</source>
        <translation>&amp;Rotation jusqu&apos;à :</translation>
    </message>
    <message>
        <source>&amp;Zoom ±:</source>
        <translation>&amp;Zoom ± :</translation>
    </message>
    <message>
        <source>&amp;Shift ± (fraction):</source>
        <translation>&amp;Décalage ± (fraction) :</translation>
    </message>
    <message>
        <source>&amp;Brightness ±:</source>
        <translation>Lu&amp;minosité ± :</translation>
    </message>
    <message>
        <source>&amp;Contrast ±:</source>
        <translation>&amp;Contraste ± :</translation>
    </message>
    <message>
        <source>C&amp;utout square:</source>
        <translation>Carré de c&amp;utout :</translation>
    </message>
    <message>
        <source>Training images per class</source>
        <translation>Images d&apos;entraînement par classe</translation>
    </message>
    <message>
        <source>No data loaded.</source>
        <translation>Aucune donnée chargée.</translation>
    </message>
    <message>
        <source>Samples: as stored, and as the network sees them</source>
        <translation>Exemples : tels que stockés, et tels que le réseau les voit</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>augmented</source>
        <translation>augmenté</translation>
    </message>
    <message>
        <source>&amp;New samples</source>
        <translation>&amp;Nouveaux exemples</translation>
    </message>
    <message>
        <source>Augment &amp;again</source>
        <translation>Au&amp;gmenter à nouveau</translation>
    </message>
    <message>
        <source>Choose at least two classes.</source>
        <translation>Choisissez au moins deux classes.</translation>
    </message>
    <message>
        <source>Dataset CSV file</source>
        <translation>Fichier CSV du jeu de données</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>
… and %1 more</source>
        <translation>
… et %1 de plus</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n training image(s) marked in Results → Feature space</source>
        <translation>
            <numerusform>Mise de côté : %n image d&apos;entraînement marquée dans Résultats → Espace des caractéristiques</numerusform>
            <numerusform>Mises de côté : %n images d&apos;entraînement marquées dans Résultats → Espace des caractéristiques</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the folder of images with Browse… (one sub-folder per class).</source>
        <translation>Choisissez le dossier d&apos;images avec Parcourir… (un sous-dossier par classe).</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>%1 is not on this computer yet: download it once (it is cached), or choose the folder that holds it.</source>
        <translation>%1 n&apos;est pas encore sur cet ordinateur : téléchargez-le une fois (il est mis en cache), ou choisissez le dossier qui le contient.</translation>
    </message>
    <message>
        <source>Only %1 training images: &quot;Training images used&quot; is %2 %. Set it to 100 % for a small folder.</source>
        <translation>Seulement %1 images d&apos;entraînement : « Données d&apos;entraînement utilisées » est à %2 %. Mettez-le à 100 % pour un petit dossier.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <source>%1 could not be downloaded: this computer is not connected to the internet. Copy the dataset&apos;s files onto it and choose their folder with Browse…, or try again when it is online.</source>
        <translation>%1 n&apos;a pas pu être téléchargé : cet ordinateur n&apos;est pas connecté à Internet. Copiez-y les fichiers du jeu de données et choisissez leur dossier avec Parcourir…, ou réessayez quand il sera en ligne.</translation>
    </message>
    <message>
        <source>%1 could not be downloaded. Try again, or choose a folder that holds it with Browse… (details in the tooltip).</source>
        <translation>%1 n&apos;a pas pu être téléchargé. Réessayez, ou choisissez avec Parcourir… un dossier qui le contient (détails dans l&apos;infobulle).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>images</source>
        <translation>images</translation>
    </message>
    <message>
        <source>%1×%2×%3 as the network receives it (shown de-normalised)</source>
        <translation>%1×%2×%3 tel que le réseau le reçoit (affiché dénormalisé)</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Memory for decoded images of a folder or CSV dataset. Photos are read from disk while the model trains; those that fit here are kept for the next epoch, the others are decoded again, so memory stays flat however many photos there are. A frozen backbone&apos;s features share it; beyond it they go to the run folder.</source>
        <translation>Mémoire pour les images décodées d&apos;un jeu de données en dossier ou en CSV. Les photos sont lues sur le disque pendant l&apos;entraînement ; celles qui tiennent ici sont gardées pour l&apos;époque suivante, les autres sont décodées à nouveau, si bien que la mémoire reste stable quel que soit le nombre de photos. Les caractéristiques d&apos;un backbone gelé la partagent ; au-delà, elles vont dans le dossier de l&apos;exécution.</translation>
    </message>
    <message>
        <source>Image cac&amp;he:</source>
        <translation>Cac&amp;he d&apos;images :</translation>
    </message>
    <message>
        <source>%L1 training, %L2 validation, %L3 test images of %4×%5 pixels, %6 classes</source>
        <translation>%L1 images d&apos;entraînement, %L2 de validation, %L3 de test de %4×%5 pixels, %6 classes</translation>
    </message>
</context>
<context>
    <name>tl::ui::DrawPad</name>
    <message>
        <source>Draw with the mouse: a shoe, a bag, a shirt… The model answers after each stroke.</source>
        <translation>Dessinez à la souris : une chaussure, un sac, une chemise… Le modèle répond après chaque trait.</translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation>Zone de dessin</translation>
    </message>
    <message>
        <source>Empty. Draw with the mouse or a pen.</source>
        <translation>Vide. Dessinez à la souris ou au stylet.</translation>
    </message>
    <message>
        <source>A drawing: the model&apos;s answer is beside the pad.</source>
        <translation>Un dessin : la réponse du modèle est à côté de la zone.</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>Dessinez ici</translation>
    </message>
</context>
<context>
    <name>tl::ui::EmbeddingView</name>
    <message>
        <source>Each dot is a test image, coloured by its true class; a dark ring: the model gets it wrong. Click a dot to see the image; drag around dots to list them (hold Shift for a rectangle).</source>
        <translation>Chaque point est une image de test, colorée selon sa vraie classe ; un anneau sombre : le modèle se trompe. Cliquez sur un point pour voir l&apos;image ; entourez des points en faisant glisser pour les lister (Maj pour un rectangle).</translation>
    </message>
    <message>
        <source>%1: %2, %3 wrong</source>
        <translation>%1 : %2, %3 fausses</translation>
    </message>
    <message>
        <source>%1 images, %2 of them wrong. %3</source>
        <translation>%1 images, dont %2 fausses. %3</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>faux</translation>
    </message>
    <message>
        <source>No map yet.</source>
        <translation>Pas encore de carte.</translation>
    </message>
    <message>
        <source>%1 → said %2</source>
        <translation>%1 → prédit %2</translation>
    </message>
</context>
<context>
    <name>tl::ui::FeatureMapGrid</name>
    <message>
        <source>Feature maps</source>
        <translation>Cartes de caractéristiques</translation>
    </message>
    <message>
        <source>Pick an image and a layer to see its feature maps.</source>
        <translation>Choisissez une image et une couche pour voir ses cartes de caractéristiques.</translation>
    </message>
    <message>
        <source>channel %1 (mean %2)</source>
        <translation>canal %1 (moyenne %2)</translation>
    </message>
    <message>
        <source>%1: %2 feature maps of %3 by %4 pixels. Strongest: %5.</source>
        <translation>%1 : %2 cartes de caractéristiques de %3 sur %4 pixels. Les plus fortes : %5.</translation>
    </message>
    <message>
        <source>%1, channel %2 (mean %3) · click to go back</source>
        <translation>%1, canal %2 (moyenne %3) · cliquez pour revenir</translation>
    </message>
    <message>
        <source>%1: %2 channels of %3x%4, strongest first%5 · click one to enlarge</source>
        <translation>%1 : %2 canaux de %3x%4, les plus forts d&apos;abord%5 · cliquez sur un canal pour l&apos;agrandir</translation>
    </message>
    <message>
        <source> (the first %1)</source>
        <translation> (les %1 premiers)</translation>
    </message>
    <message>
        <source>Its %1 filters (grey: 0, lighter: positive weights)</source>
        <translation>Ses %1 filtres (gris : 0, plus clair : poids positifs)</translation>
    </message>
</context>
<context>
    <name>tl::ui::FieldNote</name>
    <message>
        <source>Accepts %1.</source>
        <translation>Accepte %1.</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>%1 accepts %2: &quot;%3&quot; was not taken, it stays %4.</source>
        <translation>%1 accepte %2 : « %3 » n&apos;a pas été pris, la valeur reste %4.</translation>
    </message>
</context>
<context>
    <name>tl::ui::FlippedModel</name>
    <message>
        <source>%1
%2: %3
%4: %5</source>
        <translation>%1
%2 : %3
%4 : %5</translation>
    </message>
    <message>
        <source>Test image %1, a %2. %3 says %4 (%5 %), %6 says %7 (%8 %).</source>
        <translation>Image de test %1, un(e) %2. %3 dit %4 (%5 %), %6 dit %7 (%8 %).</translation>
    </message>
</context>
<context>
    <name>tl::ui::FoldRunsBar</name>
    <message numerus="yes">
        <source>%n run(s) left of %1 epochs each: about %2, one after another (at this run&apos;s own speed); the finished ones are kept.</source>
        <translation>
            <numerusform>%n entraînement restant de %1 époques : environ %2, l&apos;un après l&apos;autre (à la vitesse de cet entraînement) ; ceux qui sont terminés sont conservés.</numerusform>
            <numerusform>%n entraînements restants de %1 époques chacun : environ %2, l&apos;un après l&apos;autre (à la vitesse de cet entraînement) ; ceux qui sont terminés sont conservés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Partly in sample: the backbone learnt these labels too.</source>
        <translation>En partie dans l&apos;échantillon : le backbone a aussi appris ces étiquettes.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>Cannot plan the fold runs: %1</source>
        <translation>Impossible de planifier les entraînements par pli : %1</translation>
    </message>
    <message>
        <source>Scoring every image with the %1 fold runs: %2 %…</source>
        <translation>Notation de chaque image avec les %1 entraînements par pli : %2 %…</translation>
    </message>
    <message>
        <source>Continue the %1 short runs…</source>
        <translation>Poursuivre les %1 entraînements courts…</translation>
    </message>
    <message>
        <source>Score with %1 short runs…</source>
        <translation>Noter avec %1 entraînements courts…</translation>
    </message>
    <message>
        <source>These scores are partly in sample: the backbone trained on these labels, so its features have seen them.</source>
        <translation>Ces notes sont en partie dans l&apos;échantillon : le backbone s&apos;est entraîné sur ces étiquettes, ses caractéristiques les ont donc vues.</translation>
    </message>
    <message>
        <source>The %1 fold runs are in the Queue tab: %2 finished, %3 to go.</source>
        <translation>Les %1 entraînements par pli sont dans l&apos;onglet File d&apos;attente : %2 terminés, %3 restants.</translation>
    </message>
    <message>
        <source>The fold runs could not be scored: %1</source>
        <translation>Les entraînements par pli n&apos;ont pas pu être notés : %1</translation>
    </message>
    <message>
        <source>Partly in sample; %1 of the %2 fold runs finished earlier.</source>
        <translation>En partie dans l&apos;échantillon ; %1 des %2 entraînements par pli sont déjà terminés.</translation>
    </message>
    <message>
        <source>%1 short runs of the experiment, each leaving a fold out, score every image by a model that never trained on it.</source>
        <translation>%1 entraînements courts de l&apos;expérience, laissant chacun un pli de côté, notent chaque image avec un modèle qui ne s&apos;est jamais entraîné dessus.</translation>
    </message>
    <message>
        <source>Queue %1 runs of this experiment in the Queue tab, each trained without one fold of the training images; finished ones are kept when they are queued again.</source>
        <translation>Mettre en file d&apos;attente %1 entraînements de cette expérience, chacun sans un pli des images d&apos;entraînement ; ceux qui sont terminés sont conservés s&apos;ils sont remis en file.</translation>
    </message>
    <message>
        <source>Score with %1 short runs</source>
        <translation>Noter avec %1 entraînements courts</translation>
    </message>
    <message>
        <source>%1 runs of this experiment, each trained on %2 % of its training images and scoring the other %3 %, so that every image is scored by a model that never saw its label. They run in the Queue tab; Cancel there stops them, and queued again they continue where they stopped.</source>
        <translation>%1 entraînements de cette expérience, chacun sur %2 % de ses images d&apos;entraînement et notant les %3 % restants, de sorte que chaque image soit notée par un modèle qui n&apos;a jamais vu son étiquette. Ils tournent dans l&apos;onglet File d&apos;attente ; Annuler les y arrête, et remis en file ils reprennent là où ils se sont arrêtés.</translation>
    </message>
    <message>
        <source>Epochs per run</source>
        <translation>Époques par entraînement</translation>
    </message>
    <message>
        <source>%1 runs of %2 epochs each; this run&apos;s summary gives no times to estimate from.</source>
        <translation>%1 entraînements de %2 époques chacun ; le résumé de cet entraînement ne donne aucune durée pour une estimation.</translation>
    </message>
    <message>
        <source>%1 runs of %2 epochs each: about %3 in all, one after another (about %4 each, at this run&apos;s own speed).</source>
        <translation>%1 entraînements de %2 époques chacun : environ %3 en tout, l&apos;un après l&apos;autre (environ %4 chacun, à la vitesse de cet entraînement).</translation>
    </message>
    <message>
        <source>Queue %1 runs</source>
        <translation>Mettre %1 entraînements en file</translation>
    </message>
    <message>
        <source>Epochs per run:</source>
        <translation>Époques par entraînement :</translation>
    </message>
    <message>
        <source>Cannot queue the fold runs: %1</source>
        <translation>Impossible de mettre en file les entraînements par pli : %1</translation>
    </message>
    <message>
        <source>label check %1/%2 · %3</source>
        <translation>vérification des étiquettes %1/%2 · %3</translation>
    </message>
</context>
<context>
    <name>tl::ui::GalleryModel</name>
    <message>
        <source>
fix pending: %1</source>
        <translation>
correction en attente : %1</translation>
    </message>
    <message>
        <source>%1 · %2%</source>
        <translation>%1 · %2 %</translation>
    </message>
    <message>
        <source>%1 · true %2%</source>
        <translation>%1 · vrai %2 %</translation>
    </message>
    <message>
        <source>test image %1
true: %2 (%6% sure)
predicted: %3 (%4%)
loss %5</source>
        <translation>image de test %1
vrai : %2 (sûr à %6 %)
prédit : %3 (%4 %)
perte %5</translation>
    </message>
    <message>
        <source>image %1: true %2, predicted %3, %4 % sure</source>
        <translation>image %1 : vrai %2, prédit %3, sûr à %4 %</translation>
    </message>
</context>
<context>
    <name>tl::ui::InspectPanel</name>
    <message>
        <source>Test images</source>
        <translation>Images de test</translation>
    </message>
    <message>
        <source>%1 test images, least likely label first</source>
        <translation>%1 images de test, étiquette la moins probable d’abord</translation>
    </message>
    <message>
        <source>The model never trained on the test images, so its doubt about a label is honest. A wrong test label makes the test accuracy lie: fix it here (a label-override file keeps the test images) before comparing runs.</source>
        <translation>Le modèle ne s’est jamais entraîné sur les images de test, donc son doute sur une étiquette est honnête. Une étiquette de test fausse fait mentir la précision de test : corrigez-la ici (un fichier de remplacement d’étiquettes garde les images de test) avant de comparer des exécutions.</translation>
    </message>
    <message>
        <source>Out of sample (%1 runs)</source>
        <translation>Hors échantillon (%1 entraînements)</translation>
    </message>
    <message>
        <source>Each image scored by a run of the experiment that never trained on it (out of sample, %1 runs): %2</source>
        <translation>Chaque image notée par un entraînement de l&apos;expérience qui ne s&apos;est jamais entraîné dessus (hors échantillon, %1 entraînements) : %2</translation>
    </message>
    <message>
        <source>Open or train a run to look inside its network.</source>
        <translation>Ouvrez ou entraînez une exécution pour regarder à l&apos;intérieur de son réseau.</translation>
    </message>
    <message>
        <source>&amp;Map the test set</source>
        <translation>&amp;Cartographier les données de test</translation>
    </message>
    <message>
        <source>Compute the network&apos;s features for every image (kept in the run folder) and map the test set with PCA</source>
        <translation>Calculer les caractéristiques du réseau pour chaque image (conservées dans le dossier de l&apos;exécution) et cartographier les données de test par ACP</translation>
    </message>
    <message>
        <source>t-&amp;SNE map</source>
        <translation>Carte t-&amp;SNE</translation>
    </message>
    <message>
        <source>A map that keeps neighbours together (t-SNE): clusters show better than in PCA; about a minute for 10,000 images</source>
        <translation>Une carte qui garde les voisins ensemble (t-SNE) : les groupes se voient mieux qu&apos;en ACP ; environ une minute pour 10 000 images</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Map of the test set</source>
        <translation>Carte des données de test</translation>
    </message>
    <message>
        <source>Press &quot;Map the test set&quot;: each test image becomes a dot, placed by what the network&apos;s last layer sees.</source>
        <translation>Appuyez sur « Cartographier les données de test » : chaque image de test devient un point, placé selon ce que voit la dernière couche du réseau.</translation>
    </message>
    <message>
        <source>Click a dot (or an image below) to see it here.</source>
        <translation>Cliquez sur un point (ou une image ci-dessous) pour la voir ici.</translation>
    </message>
    <message>
        <source>Grad-&amp;CAM…</source>
        <translation>Grad-&amp;CAM…</translation>
    </message>
    <message>
        <source>Where the model looks in this image (opens it in Predict)</source>
        <translation>Où le modèle regarde dans cette image (l&apos;ouvre dans Prédire)</translation>
    </message>
    <message>
        <source>Images selected on the map</source>
        <translation>Images sélectionnées sur la carte</translation>
    </message>
    <message>
        <source>Nearest training images</source>
        <translation>Images d&apos;entraînement les plus proches</translation>
    </message>
    <message>
        <source>Suspicious labels</source>
        <translation>Étiquettes suspectes</translation>
    </message>
    <message>
        <source>Images whose label the model doubts; select them to mark them.</source>
        <translation>Images dont le modèle doute de l&apos;étiquette ; sélectionnez-les pour les marquer.</translation>
    </message>
    <message>
        <source>The training images nearest to the image above, in the network&apos;s feature space (cosine distance).</source>
        <translation>Les images d&apos;entraînement les plus proches de l&apos;image ci-dessus, dans l&apos;espace des caractéristiques du réseau (distance cosinus).</translation>
    </message>
    <message>
        <source>&amp;Ambiguous</source>
        <translation>&amp;Ambiguë</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>&amp;Export list…</source>
        <translation>&amp;Exporter la liste…</translation>
    </message>
    <message>
        <source>Export marked images</source>
        <translation>Exporter les images marquées</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 n° %2</translation>
    </message>
    <message>
        <source>The test set&apos;s map, the nearest training images and the suspicious labels come from the network&apos;s last layer.</source>
        <translation>La carte des données de test, les images d&apos;entraînement les plus proches et les étiquettes suspectes viennent de la dernière couche du réseau.</translation>
    </message>
    <message>
        <source>This run&apos;s images could not be loaded (its dataset is missing here): nothing to map.</source>
        <translation>Les images de cette exécution n&apos;ont pas pu être chargées (son jeu de données manque ici) : rien à cartographier.</translation>
    </message>
    <message>
        <source>Could not look inside this run: %1</source>
        <translation>Impossible de regarder dans cette exécution : %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>PCA, %1 % of the variance</source>
        <translation>ACP, %1 % de la variance</translation>
    </message>
    <message>
        <source>t-SNE: near dots are near in feature space</source>
        <translation>t-SNE : des points proches sont proches dans l&apos;espace des caractéristiques</translation>
    </message>
    <message>
        <source>%1 test images · %2</source>
        <translation>%1 images de test · %2</translation>
    </message>
    <message>
        <source>%1 features per image (the input of layer %2) for %3 training and %4 test images, %5 in %6 s; map in %7 s.%8</source>
        <translation>%1 caractéristiques par image (l&apos;entrée de la couche %2) pour %3 images d&apos;entraînement et %4 de test, %5 en %6 s ; carte en %7 s.%8</translation>
    </message>
    <message>
        <source>read from %1</source>
        <translation>lues depuis %1</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>calculées</translation>
    </message>
    <message>
        <source>Of the %1 validation images (not trained on), the least likely labels first.</source>
        <translation>Parmi les %1 images de validation (non vues à l&apos;entraînement), les étiquettes les moins probables d&apos;abord.</translation>
    </message>
    <message>
        <source>Of the %1 training images, the least likely labels first (&lt;i&gt;in sample&lt;/i&gt;).</source>
        <translation>Parmi les %1 images d&apos;entraînement, les étiquettes les moins probables d&apos;abord (&lt;i&gt;dans l&apos;échantillon&lt;/i&gt;).</translation>
    </message>
    <message>
        <source>The model did not train on these images, so its doubt about a label is honest. Select images, mark them, export the list or leave them out of the next run.</source>
        <translation>Le modèle ne s&apos;est pas entraîné sur ces images, son doute sur une étiquette est donc honnête. Sélectionnez des images, marquez-les, exportez la liste ou omettez-les de la prochaine exécution.</translation>
    </message>
    <message>
        <source>The model trained on these images, so it doubts a wrong label less than it should. A run with a validation split gives a fairer list.</source>
        <translation>Le modèle s&apos;est entraîné sur ces images, il doute donc moins qu&apos;il ne devrait d&apos;une étiquette fausse. Une exécution avec une part de validation donne une liste plus juste.</translation>
    </message>
    <message>
        <source>%1 → %2
%3 %</source>
        <translation>%1 → %2
%3 %</translation>
    </message>
    <message>
        <source>%1 image %2: labelled %3; the model says %4 and gives %3 %5 %%6</source>
        <translation>%1 image %2 : étiquetée %3 ; le modèle dit %4 et donne à %3 %5 %%6</translation>
    </message>
    <message>
        <source> (likely wrong)</source>
        <translation> (probablement fausse)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt; · labelled &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;%1 image %2&lt;/b&gt; · étiquetée &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>%1
d %2</source>
        <translation>%1
d %2</translation>
    </message>
    <message>
        <source>training image %1, labelled %2; cosine distance %3</source>
        <translation>image d&apos;entraînement %1, étiquetée %2 ; distance cosinus %3</translation>
    </message>
    <message>
        <source>The %1 training images nearest to %2 image %3 in the network&apos;s feature space (found in %4 ms among %5).%6</source>
        <translation>Les %1 images d&apos;entraînement les plus proches de l&apos;image %2 %3 dans l&apos;espace des caractéristiques du réseau (trouvées en %4 ms parmi %5).%6</translation>
    </message>
    <message>
        <source> It called this %1 a %2: these are what it had seen.</source>
        <translation> Il a pris ce %1 pour un(e) %2 : voici ce qu&apos;il avait vu.</translation>
    </message>
    <message>
        <source>Data health</source>
        <translation>Santé des données</translation>
    </message>
    <message>
        <source>Suspicious label scores</source>
        <translation>Scores des étiquettes suspectes</translation>
    </message>
    <message>
        <source>Out of sample: each image scored by a head that never saw its label. In sample: the trained model&apos;s own probabilities (quick, but it doubts a wrong label it has learnt less than it should). Test images: the model never trained on them, and a wrong test label makes the test accuracy lie.</source>
        <translation>Hors échantillon : chaque image est notée par une tête qui n&apos;a jamais vu son étiquette. Dans l&apos;échantillon : les probabilités du modèle entraîné lui-même (rapide, mais il doute moins qu&apos;il ne devrait d&apos;une étiquette fausse qu&apos;il a apprise). Images de test : le modèle ne s&apos;est jamais entraîné dessus, et une étiquette de test fausse fait mentir la précision de test.</translation>
    </message>
    <message>
        <source>&amp;Suggested class</source>
        <translation>Classe &amp;suggérée</translation>
    </message>
    <message>
        <source>&amp;Relabel as</source>
        <translation>&amp;Réétiqueter en</translation>
    </message>
    <message>
        <source>Leave &amp;out</source>
        <translation>&amp;Omettre</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: relabel them as the class the model suggests</source>
        <translation>L&apos;étiquette des images sélectionnées est fausse : réétiquetez-les dans la classe que suggère le modèle</translation>
    </message>
    <message>
        <source>Relabel the selected images as a class you choose</source>
        <translation>Réétiqueter les images sélectionnées dans une classe de votre choix</translation>
    </message>
    <message>
        <source>Mark the selected images: no single label fits (set aside)</source>
        <translation>Marquer les images sélectionnées : aucune étiquette ne convient seule (mises de côté)</translation>
    </message>
    <message>
        <source>Leave the selected images out of the data (set aside)</source>
        <translation>Retirer les images sélectionnées des données (mises de côté)</translation>
    </message>
    <message>
        <source>Take the selected images&apos; marks back</source>
        <translation>Retirer les marques des images sélectionnées</translation>
    </message>
    <message>
        <source>Export the marked images as a fix list, or leave them out of the next run only</source>
        <translation>Exporter les images marquées en liste de corrections, ou les omettre seulement de la prochaine exécution</translation>
    </message>
    <message>
        <source>Clear the selected images&apos; marks, export the marked images as a fix list, or leave them out of the next run only</source>
        <translation>Effacer les marques des images sélectionnées, exporter les images marquées en liste de corrections, ou les omettre seulement de la prochaine exécution</translation>
    </message>
    <message>
        <source>&amp;Clear the selected images&apos; marks</source>
        <translation>Effa&amp;cer les marques des images sélectionnées</translation>
    </message>
    <message>
        <source>Mark some images first (select them, then Suggested class, Relabel as, Ambiguous or Leave out).</source>
        <translation>Marquez d&apos;abord des images (sélectionnez-les, puis Classe suggérée, Réétiqueter en, Ambiguë ou Omettre).</translation>
    </message>
    <message>
        <source>Leave out of the &amp;next run only</source>
        <translation>Omettre seulement de la &amp;prochaine exécution</translation>
    </message>
    <message>
        <source>Mark some images first.</source>
        <translation>Marquez d&apos;abord des images.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 image %2: %3 %4</source>
        <translation>%1 image %2 : %3 %4</translation>
    </message>
    <message>
        <source>Nearest images</source>
        <translation>Images les plus proches</translation>
    </message>
    <message>
        <source>On the map</source>
        <translation>Sur la carte</translation>
    </message>
    <message>
        <source>On the map (%1)</source>
        <translation>Sur la carte (%1)</translation>
    </message>
    <message>
        <source>Out of sample (5-fold)</source>
        <translation>Hors échantillon (5 plis)</translation>
    </message>
    <message>
        <source>In sample (quick)</source>
        <translation>Dans l&apos;échantillon (rapide)</translation>
    </message>
    <message>
        <source>Validation images (quick)</source>
        <translation>Images de validation (rapide)</translation>
    </message>
    <message>
        <source>%1 training and validation images, least likely label first.</source>
        <translation>%1 images d&apos;entraînement et de validation, l&apos;étiquette la moins probable d&apos;abord.</translation>
    </message>
    <message>
        <source>Each image scored by a head that never saw its label (out of sample, 5-fold): %1</source>
        <translation>Chaque image notée par une tête qui n&apos;a jamais vu son étiquette (hors échantillon, 5 plis) : %1</translation>
    </message>
    <message>
        <source>Suspicious labels (%1)</source>
        <translation>Étiquettes suspectes (%1)</translation>
    </message>
    <message>
        <source>Click a dot (or an image beside the map) to see it here.</source>
        <translation>Cliquez sur un point (ou une image à côté de la carte) pour l&apos;afficher ici.</translation>
    </message>
    <message>
        <source>Out of sample: the scores of heads (or runs) that never saw this image&apos;s label. Trained model: the run&apos;s own network, which trained on the training images (in sample) and never saw the validation and test images.</source>
        <translation>Hors échantillon : les scores de têtes (ou d&apos;exécutions) qui n&apos;ont jamais vu l&apos;étiquette de cette image. Modèle entraîné : le réseau de l&apos;exécution, entraîné sur les images d&apos;entraînement (dans l&apos;échantillon), qui n&apos;a jamais vu les images de validation et de test.</translation>
    </message>
    <message>
        <source>The training images nearest to the image under the map, in the network&apos;s feature space (cosine distance).</source>
        <translation>Les images d&apos;entraînement les plus proches de l&apos;image sous la carte, dans l&apos;espace des caractéristiques du réseau (distance cosinus).</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>Voisines</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>The training images nearest to the image shown</source>
        <translation>Les images d&apos;entraînement les plus proches de l&apos;image affichée</translation>
    </message>
    <message>
        <source>The images selected on the map</source>
        <translation>Les images sélectionnées sur la carte</translation>
    </message>
    <message>
        <source>Suspicious labels: the images whose label the model doubts, and the label fixes pending</source>
        <translation>Étiquettes suspectes : les images dont le modèle doute de l&apos;étiquette, et les corrections en attente</translation>
    </message>
    <message>
        <source>Data health: duplicates and leakage, outliers, very dark, very bright and blurry images, class balance</source>
        <translation>Santé des données : doublons et fuites, valeurs aberrantes, images très sombres, très claires et floues, équilibre des classes</translation>
    </message>
    <message>
        <source>&lt; 0.1 %</source>
        <translation>&lt; 0,1 %</translation>
    </message>
    <message>
        <source>&gt; 99.9 %</source>
        <translation>&gt; 99,9 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Labels (%1)</source>
        <translation>Étiquettes (%1)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 image %2&lt;/b&gt; · labelled &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>&lt;b&gt;image %1 %2&lt;/b&gt; · étiquetée &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>ambiguë</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>écartée</translation>
    </message>
    <message>
        <source>Out of sample: %1</source>
        <translation>Hors échantillon : %1</translation>
    </message>
    <message>
        <source>Trained model: %1</source>
        <translation>Modèle entraîné : %1</translation>
    </message>
    <message>
        <source>%1 images, least likely label first</source>
        <translation>%1 images, étiquette la moins probable d&apos;abord</translation>
    </message>
    <message>
        <source>%1 validation images, least likely label first</source>
        <translation>%1 images de validation, étiquette la moins probable d&apos;abord</translation>
    </message>
    <message>
        <source>%1 training images (&lt;i&gt;in sample&lt;/i&gt;)</source>
        <translation>%1 images d&apos;entraînement (&lt;i&gt;dans l&apos;échantillon&lt;/i&gt;)</translation>
    </message>
    <message>
        <source>Under each image: its label → the class the model suggests, and how likely the model finds the label it has.</source>
        <translation>Sous chaque image : son étiquette → la classe que propose le modèle, et la probabilité que le modèle donne à l&apos;étiquette actuelle.</translation>
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation>%1 → %2
%3</translation>
    </message>
    <message>
        <source>%1 ✓
was %2</source>
        <translation>%1 ✓
était %2</translation>
    </message>
    <message>
        <source>ambiguous ✓
was %1</source>
        <translation>ambiguë ✓
était %1</translation>
    </message>
    <message>
        <source>left out ✓
was %1</source>
        <translation>écartée ✓
était %1</translation>
    </message>
    <message>
        <source>This fix is applied (%1); Undo last apply under the pending fixes puts moved files back.</source>
        <translation>Cette correction est appliquée (%1) ; Annuler la dernière application, sous les corrections en attente, remet les fichiers déplacés en place.</translation>
    </message>
    <message>
        <source>%1 image %2</source>
        <translation>image %1 %2</translation>
    </message>
    <message>
        <source>Out of sample: %1 %2, %3 %4.</source>
        <translation>Hors échantillon : %1 %2, %3 %4.</translation>
    </message>
    <message>
        <source>The trained model: %1 %2, %3 %4.</source>
        <translation>Le modèle entraîné : %1 %2, %3 %4.</translation>
    </message>
    <message>
        <source>Likely wrong.</source>
        <translation>Probablement fausse.</translation>
    </message>
    <message>
        <source>%1 features of %2 training and %3 test images (layer %4)%5</source>
        <translation>%1 caractéristiques de %2 images d&apos;entraînement et %3 images de test (couche %4)%5</translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixBar</name>
    <message>
        <source>Fi&amp;x label</source>
        <translation>Corri&amp;ger l’étiquette</translation>
    </message>
    <message>
        <source>Relabel the selected images as another class, mark them ambiguous, leave them out, or take their fix back (also the images&apos; context menu)</source>
        <translation>Réétiqueter les images sélectionnées dans une autre classe, les marquer ambiguës, les écarter ou annuler leur correction (aussi dans le menu contextuel des images)</translation>
    </message>
    <message>
        <source>The pending fixes (Feature space → Suspicious labels): take any back, apply them, retrain</source>
        <translation>Les corrections en attente (Espace des caractéristiques → Étiquettes suspectes) : en annuler, les appliquer, réentraîner</translation>
    </message>
    <message>
        <source>Relabel as %1</source>
        <translation>Réétiqueter en %1</translation>
    </message>
    <message>
        <source>Relabel as the predicted class</source>
        <translation>Réétiqueter en classe prédite</translation>
    </message>
    <message>
        <source>Rela&amp;bel as %1</source>
        <translation>Réétiq&amp;ueter en %1</translation>
    </message>
    <message>
        <source>Rela&amp;bel as predicted</source>
        <translation>Réétiq&amp;ueter comme prédit</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: they are %1, as the model says</source>
        <translation>L’étiquette des images sélectionnées est fausse : ce sont des %1, comme le dit le modèle</translation>
    </message>
    <message>
        <source>The selected images&apos; label is wrong: each is the class the model predicts</source>
        <translation>L’étiquette des images sélectionnées est fausse : chacune est de la classe que prédit le modèle</translation>
    </message>
    <message>
        <source>Relabel as another class</source>
        <translation>Réétiqueter dans une autre classe</translation>
    </message>
    <message>
        <source>Ambiguous (no single label fits)</source>
        <translation>Ambiguë (aucune étiquette ne convient seule)</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>Écarter</translation>
    </message>
    <message>
        <source>Take the fix back</source>
        <translation>Annuler la correction</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n correction en attente</numerusform>
            <numerusform>%n corrections en attente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ui::LabelFixList</name>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>ambiguë</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>écartée</translation>
    </message>
    <message>
        <source>%1 image %2: %3 %4</source>
        <translation>image %1 %2 : %3 %4</translation>
    </message>
    <message>
        <source>Pending label fixes</source>
        <translation>Corrections d&apos;étiquettes en attente</translation>
    </message>
    <message>
        <source>The fixes marked so far; nothing changes until they are applied.</source>
        <translation>Les corrections marquées jusqu&apos;ici ; rien ne change tant qu&apos;elles ne sont pas appliquées.</translation>
    </message>
    <message>
        <source>&amp;Take back</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Remove the selected fixes from the list (their marks go too)</source>
        <translation>Retirer de la liste les corrections sélectionnées (leurs marques disparaissent aussi)</translation>
    </message>
    <message>
        <source>A&amp;pply fixes…</source>
        <translation>A&amp;ppliquer les corrections…</translation>
    </message>
    <message>
        <source>Move the dataset&apos;s files (folder and CSV datasets, with a journal to undo it) or write a label-override file for the next run</source>
        <translation>Déplacer les fichiers du jeu de données (jeux en dossier et en CSV, avec un journal pour annuler) ou écrire un fichier de remplacement d&apos;étiquettes pour la prochaine exécution</translation>
    </message>
    <message>
        <source>&amp;Undo last apply</source>
        <translation>&amp;Annuler la dernière application</translation>
    </message>
    <message>
        <source>Put every file the last apply moved back where it was (its journal in the run folder)</source>
        <translation>Remettre à sa place chaque fichier déplacé par la dernière application (son journal dans le dossier de l&apos;exécution)</translation>
    </message>
    <message>
        <source>&amp;Retrain with the fixes</source>
        <translation>Réen&amp;traîner avec les corrections</translation>
    </message>
    <message>
        <source>Queue a run of this experiment with the fixes; then compare the two runs in Runs → Compare</source>
        <translation>Mettre en file une exécution de cette expérience avec les corrections ; puis comparer les deux exécutions dans Exécutions → Comparer</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending, applied only when you press Apply fixes.</source>
        <translation>
            <numerusform>%n correction en attente, appliquée seulement quand vous appuyez sur Appliquer les corrections.</numerusform>
            <numerusform>%n corrections en attente, appliquées seulement quand vous appuyez sur Appliquer les corrections.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n label fix(es)</source>
        <translation>
            <numerusform>Appliquer %n correction d&apos;étiquette</numerusform>
            <numerusform>Appliquer %n corrections d&apos;étiquettes</numerusform>
        </translation>
    </message>
    <message>
        <source>Move the files in %1 (relabelled ones into their class folder, ambiguous and left-out ones aside; a journal in the run folder undoes it), or leave the files as they are and write a label-override file for the next run?</source>
        <translation>Déplacer les fichiers de %1 (les réétiquetés dans le dossier de leur classe, les ambigus et les omis de côté ; un journal dans le dossier de l&apos;exécution l&apos;annule), ou laisser les fichiers tels quels et écrire un fichier de remplacement d&apos;étiquettes pour la prochaine exécution ?</translation>
    </message>
    <message>
        <source>The built-in dataset&apos;s files stay as they are: the fixes go to a label-override file in the run folder that the next run uses.</source>
        <translation>Les fichiers du jeu de données intégré restent tels quels : les corrections vont dans un fichier de remplacement d&apos;étiquettes du dossier de l&apos;exécution, que la prochaine exécution utilise.</translation>
    </message>
    <message>
        <source>&amp;Move the files</source>
        <translation>&amp;Déplacer les fichiers</translation>
    </message>
    <message>
        <source>Write a label-&amp;override file</source>
        <translation>Écrire un fichier de &amp;remplacement d&apos;étiquettes</translation>
    </message>
    <message>
        <source>This run&apos;s data is the built-in &apos;%1&apos; dataset, whose files TransferLab does not change: write a label-override file instead.</source>
        <translation>Les données de cette exécution sont le jeu intégré &apos;%1&apos;, dont TransferLab ne modifie pas les fichiers : écrivez plutôt un fichier de remplacement d&apos;étiquettes.</translation>
    </message>
    <message>
        <source>No fixes yet: select images, then Suggested class, Relabel as, Ambiguous or Leave out.</source>
        <translation>Pas encore de corrections : sélectionnez des images, puis Classe suggérée, Réétiqueter en, Ambiguë ou Omettre.</translation>
    </message>
    <message>
        <source>%1 Retrain, then compare in Runs → Compare.</source>
        <translation>%1 Réentraînez, puis comparez dans Exécutions → Comparer.</translation>
    </message>
    <message>
        <source>Runs → Compare lists the images whose prediction changed between the two runs.</source>
        <translation>Exécutions → Comparer liste les images dont la prédiction a changé entre les deux exécutions.</translation>
    </message>
    <message>
        <source>Queue a run of this experiment with the fixes (pending ones are applied first); then compare the two runs in Runs → Compare</source>
        <translation>Mettre en file une exécution de cette expérience avec les corrections (celles en attente sont d&apos;abord appliquées) ; puis comparer les deux exécutions dans Exécutions → Comparer</translation>
    </message>
    <message>
        <source>Show or hide the pending label fixes and their buttons</source>
        <translation>Afficher ou masquer les corrections d&apos;étiquettes en attente et leurs boutons</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending · working…</source>
        <translation>
            <numerusform>%n correction en attente · en cours…</numerusform>
            <numerusform>%n corrections en attente · en cours…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) pending</source>
        <translation>
            <numerusform>%n correction en attente</numerusform>
            <numerusform>%n corrections en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>No fixes pending</source>
        <translation>Aucune correction en attente</translation>
    </message>
</context>
<context>
    <name>tl::ui::Language</name>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Allemand</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
</context>
<context>
    <name>tl::ui::LayerTreeModel</name>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Forme de sortie</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Entraînable</translation>
    </message>
</context>
<context>
    <name>tl::ui::LessonDialog</name>
    <message>
        <source>about %1 s</source>
        <translation>environ %1 s</translation>
    </message>
    <message>
        <source>about %1 minutes</source>
        <translation>environ %1 minutes</translation>
    </message>
    <message>
        <source>Lesson: why transfer learning</source>
        <translation>Leçon : pourquoi l&apos;apprentissage par transfert</translation>
    </message>
    <message>
        <source>&lt;b&gt;Does knowing other clothes help to learn new ones from a few pictures?&lt;/b&gt;&lt;br&gt;A small CNN first learns five Fashion-MNIST classes (trouser, sandal, sneaker, bag, ankle boot) from all their images. Then the five tops (T-shirt/top, pullover, dress, coat, shirt) are learned from only 10, 20 or 50 images each: from scratch, with the pretrained features frozen and a new classifier, and fine-tuned. Every method trains the same way on the same images; the test set is the tops&apos; 5,000 test images.</source>
        <translation>&lt;b&gt;Connaître d&apos;autres vêtements aide-t-il à en apprendre de nouveaux à partir de quelques images ?&lt;/b&gt;&lt;br&gt;Un petit CNN apprend d&apos;abord cinq classes de Fashion-MNIST (pantalon, sandale, basket, sac, bottine) à partir de toutes leurs images. Puis les cinq hauts (T-shirt/haut, pull, robe, manteau, chemise) sont appris à partir de 10, 20 ou 50 images chacun seulement : à partir de zéro, avec les caractéristiques pré-entraînées gelées et un nouveau classifieur, et par ajustement fin. Chaque méthode s&apos;entraîne de la même façon sur les mêmes images ; les données de test sont les 5 000 images de test des hauts.</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>étape %v sur %m</translation>
    </message>
    <message>
        <source>Test accuracy by method and images per class</source>
        <translation>Exactitude de test par méthode et images par classe</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>Images par classe</translation>
    </message>
    <message>
        <source>Test accuracy on the five tops</source>
        <translation>Exactitude de test sur les cinq hauts</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Pas encore de valeurs.</translation>
    </message>
    <message>
        <source>training images per class</source>
        <translation>images d&apos;entraînement par classe</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>Quick (20 images per class, one seed)</source>
        <translation>Rapide (20 images par classe, une graine)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>%1 on this computer (an estimate)</source>
        <translation>%1 sur cet ordinateur (estimation)</translation>
    </message>
    <message>
        <source>Press Start: %1 on this computer (an estimate from the speed of its earlier runs).</source>
        <translation>Appuyez sur Démarrer : %1 sur cet ordinateur (estimé d&apos;après la vitesse de ses exécutions précédentes).</translation>
    </message>
    <message>
        <source>Press Start. How long it takes depends on this computer: try Quick first; after it, this line estimates the whole lesson from its speed.</source>
        <translation>Appuyez sur Démarrer. La durée dépend de cet ordinateur : essayez d&apos;abord Rapide ; ensuite, cette ligne estime toute la leçon d&apos;après sa vitesse.</translation>
    </message>
    <message>
        <source>Done in %1 s: what the chart shows</source>
        <translation>Terminé en %1 s : ce que montre le graphique</translation>
    </message>
    <message>
        <source>Each line is a method&apos;s mean test accuracy, the small dots its single runs (other images, other start), drawn a little apart where they would overlap. The pretraining reached %1 on its own five classes. The runs are in %2.</source>
        <translation>Chaque ligne est l&apos;exactitude de test moyenne d&apos;une méthode, les petits points ses exécutions individuelles (autres images, autre départ), un peu écartés là où ils se chevaucheraient. Le pré-entraînement a atteint %1 sur ses propres cinq classes. Les exécutions sont dans %2.</translation>
    </message>
    <message>
        <source>%1 · epoch %2 of %3, %4 %</source>
        <translation>%1 · époque %2 sur %3, %4 %</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>étape %1 sur %2</translation>
    </message>
    <message>
        <source>The lesson could not run</source>
        <translation>La leçon n&apos;a pas pu s&apos;exécuter</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <source>The finished runs are kept: Start continues where the lesson stopped.</source>
        <translation>Les exécutions terminées sont conservées : Démarrer reprend là où la leçon s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
</context>
<context>
    <name>tl::ui::LiveView</name>
    <message>
        <source>Live view of the first layer</source>
        <translation>Vue en direct de la première couche</translation>
    </message>
    <message>
        <source>First layer&apos;s feature maps</source>
        <translation>Cartes de caractéristiques de la première couche</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters and what they make of this image, redrawn after each epoch.</source>
        <translation>Les filtres de la première couche et ce qu&apos;ils font de cette image, redessinés après chaque époque.</translation>
    </message>
    <message>
        <source>Shown after the first epoch.</source>
        <translation>Affiché après la première époque.</translation>
    </message>
    <message>
        <source>After epoch %1: layer %2</source>
        <translation>Après l&apos;époque %1 : couche %2</translation>
    </message>
</context>
<context>
    <name>tl::ui::MainMenus</name>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Entraînement</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>&amp;Ouvrir une expérience…</translation>
    </message>
    <message>
        <source>&amp;Save experiment…</source>
        <translation>&amp;Enregistrer l&apos;expérience…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>&amp;ONNX (OpenCV, ONNX Runtime)…</source>
        <translation>&amp;ONNX (pour OpenCV, ONNX Runtime)…</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>Exporté : %1</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Leçons</translation>
    </message>
    <message>
        <source>Why &amp;transfer learning (offline, a few minutes)…</source>
        <translation>Pourquoi l&apos;apprentissage par &amp;transfert (hors ligne, quelques minutes)…</translation>
    </message>
    <message>
        <source>Reset to &amp;defaults</source>
        <translation>Rétablir les valeurs par &amp;défaut</translation>
    </message>
    <message>
        <source>Show &amp;runs folder</source>
        <translation>Afficher le dossier des exécution&amp;s</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Dossier des exécutions</translation>
    </message>
    <message>
        <source>Runs are saved in
%1</source>
        <translation>Les exécutions sont enregistrées dans
%1</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Recipes from the notebooks</source>
        <translation>&amp;Recettes des notebooks</translation>
    </message>
    <message>
        <source>&amp;Sweeps (into the queue)</source>
        <translation>&amp;Balayages (dans la file d&apos;attente)</translation>
    </message>
    <message>
        <source>Recipe %1 loaded</source>
        <translation>Recette %1 chargée</translation>
    </message>
    <message>
        <source>Cannot load the recipe</source>
        <translation>Impossible de charger la recette</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>Ouvrir une expérience</translation>
    </message>
    <message>
        <source>Experiments (*.tlexp.json *.json);;All files (*)</source>
        <translation>Expériences (*.tlexp.json *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>Enregistrer l&apos;expérience</translation>
    </message>
    <message>
        <source>Experiments (*.tlexp.json);;JSON (*.json)</source>
        <translation>Expériences (*.tlexp.json);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the experiment</source>
        <translation>Impossible d&apos;enregistrer l&apos;expérience</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Mode &amp;présentation</translation>
    </message>
    <message>
        <source>&amp;Classroom set-up</source>
        <translation>Configuration &amp;classe</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <source>&amp;About TransferLab</source>
        <translation>À &amp;propos de TransferLab</translation>
    </message>
    <message>
        <source>About TransferLab</source>
        <translation>À propos de TransferLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;TransferLab&lt;/b&gt; %1&lt;br&gt;A workbench for transfer learning on images.&lt;br&gt;Go left to right: pick the data, the model and what to freeze, train, then click the confusion matrix to see the mistakes.</source>
        <translation>&lt;b&gt;TransferLab&lt;/b&gt; %1&lt;br&gt;Un atelier d&apos;apprentissage par transfert sur des images.&lt;br&gt;De gauche à droite : choisissez les données, le modèle et ce qu&apos;il faut geler, entraînez, puis cliquez dans la matrice de confusion pour voir les erreurs.</translation>
    </message>
</context>
<context>
    <name>tl::ui::MainWindow</name>
    <message>
        <source>Queued %1 again with the classes weighted, beside it; when it finishes, Runs → Compare shows the two.</source>
        <translation>%1 est de nouveau en file, avec les classes pondérées, à côté ; quand elle sera finie, Exécutions → Comparer montrera les deux.</translation>
    </message>
    <message>
        <source>The new run finished: Runs → Compare shows it beside %1.</source>
        <translation>La nouvelle exécution est finie : Exécutions → Comparer la montre à côté de %1.</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n fold run(s) for the label check: see the Queue tab.</source>
        <translation>
            <numerusform>%n entraînement par pli mis en file pour la vérification des étiquettes : voir l&apos;onglet File d&apos;attente.</numerusform>
            <numerusform>%n entraînements par pli mis en file pour la vérification des étiquettes : voir l&apos;onglet File d&apos;attente.</numerusform>
        </translation>
    </message>
    <message>
        <source>The fold runs have all finished: scoring the labels.</source>
        <translation>Les entraînements par pli sont tous terminés : notation des étiquettes.</translation>
    </message>
    <message>
        <source>TransferLab</source>
        <translation>TransferLab</translation>
    </message>
    <message>
        <source>1 · Data</source>
        <translation>1 · Données</translation>
    </message>
    <message>
        <source>2 · Model</source>
        <translation>2 · Modèle</translation>
    </message>
    <message>
        <source>3 · Training</source>
        <translation>3 · Entraînement</translation>
    </message>
    <message>
        <source>4 · Results</source>
        <translation>4 · Résultats</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Prédire</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Teach</source>
        <translation>Enseigner</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Rapport écrit : %1</translation>
    </message>
    <message>
        <source>Cannot write the report</source>
        <translation>Impossible d&apos;écrire le rapport</translation>
    </message>
    <message numerus="yes">
        <source>The next run leaves out %n training image(s) (Data tab)</source>
        <translation>
            <numerusform>La prochaine exécution omet %n image d&apos;entraînement (onglet Données)</numerusform>
            <numerusform>La prochaine exécution omet %n images d&apos;entraînement (onglet Données)</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 ouvert</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>Impossible d&apos;ouvrir l&apos;exécution</translation>
    </message>
    <message>
        <source>%1 loaded</source>
        <translation>%1 chargé</translation>
    </message>
    <message>
        <source>Run saved: %1</source>
        <translation>Exécution enregistrée : %1</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>L&apos;entraînement a échoué</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Entraînement en cours</translation>
    </message>
    <message>
        <source>Stop the current run before resuming another.</source>
        <translation>Arrêtez l&apos;exécution en cours avant d&apos;en reprendre une autre.</translation>
    </message>
    <message>
        <source>Cannot resume the run</source>
        <translation>Impossible de reprendre l&apos;exécution</translation>
    </message>
    <message>
        <source>Cannot open the experiment</source>
        <translation>Impossible d&apos;ouvrir l&apos;expérience</translation>
    </message>
    <message>
        <source>Classroom set-up: Fashion-MNIST, 10 % of the training images with a validation split, the small CNN for 3 epochs, presentation mode. Press Start in the Training tab.</source>
        <translation>Configuration classe : Fashion-MNIST, 10 % des images d&apos;entraînement avec une part de validation, le petit CNN pendant 3 époques, mode présentation. Appuyez sur Démarrer dans l&apos;onglet Entraînement.</translation>
    </message>
    <message>
        <source>Settings reset to the defaults.</source>
        <translation>Réglages rétablis aux valeurs par défaut.</translation>
    </message>
    <message>
        <source>Queued run finished: %1</source>
        <translation>Exécution de la file terminée : %1</translation>
    </message>
    <message>
        <source>Queued run ended: %1</source>
        <translation>Exécution de la file arrêtée : %1</translation>
    </message>
    <message>
        <source>Stop the training and quit? Completed epochs are already saved.</source>
        <translation>Arrêter l&apos;entraînement et quitter ? Les époques terminées sont déjà enregistrées.</translation>
    </message>
    <message>
        <source>A queued run is training</source>
        <translation>Une exécution de la file est en cours d&apos;entraînement</translation>
    </message>
    <message>
        <source>Stop it and quit? It keeps its completed epochs; the queue itself is not kept.</source>
        <translation>L&apos;arrêter et quitter ? Elle garde ses époques terminées ; la file elle-même n&apos;est pas conservée.</translation>
    </message>
    <message>
        <source>Queued a run with the fixed labels beside %1; when it finishes, Runs → Compare shows the two.</source>
        <translation>Une exécution avec les étiquettes corrigées est en file à côté de %1 ; quand elle sera finie, Exécutions → Comparer montrera les deux.</translation>
    </message>
    <message>
        <source>The run with the fixed labels finished: Runs → Compare shows it beside the run before the fixes.</source>
        <translation>L’exécution avec les étiquettes corrigées est finie : Exécutions → Comparer la montre à côté de l’exécution d’avant les corrections.</translation>
    </message>
    <message>
        <source>Cannot queue the run</source>
        <translation>Impossible de mettre l&apos;exécution en file d&apos;attente</translation>
    </message>
    <message>
        <source>The next run weights the classes: Class weights balanced in every stage (Training tab)</source>
        <translation>La prochaine exécution pondère les classes : poids des classes équilibrés à chaque étape (onglet Entraînement)</translation>
    </message>
</context>
<context>
    <name>tl::ui::MetricChart</name>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Pas encore de valeurs.</translation>
    </message>
    <message>
        <source>%1 at epoch %2</source>
        <translation>%1 à l&apos;époque %2</translation>
    </message>
</context>
<context>
    <name>tl::ui::ModelPanel</name>
    <message>
        <source>as stored</source>
        <translation>tel que stocké</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Images are resized to this size before the network (OpenCV; %1 in the run folder names each step&apos;s interpolation).</source>
        <translation>Les images sont redimensionnées à cette taille avant le réseau (OpenCV ; %1 dans le dossier de l&apos;exécution indique l&apos;interpolation de chaque étape).</translation>
    </message>
    <message>
        <source>Gray images as RGB (3 channels)</source>
        <translation>Images grises en RVB (3 canaux)</translation>
    </message>
    <message>
        <source>BatchNorm after each convolution</source>
        <translation>BatchNorm après chaque convolution</translation>
    </message>
    <message>
        <source>Keras convention: the moving averages keep this share of their value per batch.</source>
        <translation>Convention de Keras : les moyennes mobiles gardent cette part de leur valeur à chaque lot.</translation>
    </message>
    <message>
        <source>L2 penalty on convolution and dense kernels, added to the loss (Keras&apos; kernel_regularizer).</source>
        <translation>Pénalité L2 sur les noyaux des convolutions et des couches denses, ajoutée à la perte (kernel_regularizer de Keras).</translation>
    </message>
    <message>
        <source>Random initialisation</source>
        <translation>Initialisation aléatoire</translation>
    </message>
    <message>
        <source>ImageNet (torchvision)</source>
        <translation>ImageNet (torchvision)</translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation>Depuis un fichier…</translation>
    </message>
    <message>
        <source>From a run…</source>
        <translation>Depuis une exécution…</translation>
    </message>
    <message>
        <source>Where training starts. &quot;From a run&quot;: a finished run of this model (transfer learning without a download: pretrain on some classes, then learn others).</source>
        <translation>Point de départ de l&apos;entraînement. « Depuis une exécution » : une exécution terminée de ce modèle (apprentissage par transfert sans téléchargement : pré-entraîner sur certaines classes, puis en apprendre d&apos;autres).</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Its own classifier, resized</source>
        <translation>Son propre classifieur, redimensionné</translation>
    </message>
    <message>
        <source>Global average pooling + new layer</source>
        <translation>Global average pooling + nouvelle couche</translation>
    </message>
    <message>
        <source>Flatten + new layer</source>
        <translation>Flatten + nouvelle couche</translation>
    </message>
    <message>
        <source>ImageNet&apos;s 1000 classes as is</source>
        <translation>Les 1000 classes d&apos;ImageNet telles quelles</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>A Dense layer (+BatchNorm, ReLU) before the output, as seed 002&apos;s head.</source>
        <translation>Une couche dense (+BatchNorm, ReLU) avant la sortie, comme la tête du seed 002.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>&amp;Architecture:</source>
        <translation>&amp;Architecture :</translation>
    </message>
    <message>
        <source>&amp;Input size:</source>
        <translation>Taille d&apos;&amp;entrée :</translation>
    </message>
    <message>
        <source>&amp;Dropout:</source>
        <translation>&amp;Dropout :</translation>
    </message>
    <message>
        <source>BatchNorm &amp;momentum:</source>
        <translation>&amp;Momentum de BatchNorm :</translation>
    </message>
    <message>
        <source>&amp;L2 on kernels:</source>
        <translation>&amp;L2 sur les noyaux :</translation>
    </message>
    <message>
        <source>&amp;Weights:</source>
        <translation>&amp;Poids :</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Tête :</translation>
    </message>
    <message>
        <source>Hidden &amp;units:</source>
        <translation>&amp;Unités cachées :</translation>
    </message>
    <message>
        <source>Head d&amp;ropout:</source>
        <translation>D&amp;ropout de la tête :</translation>
    </message>
    <message>
        <source>Untick a layer to freeze it; right-click to freeze up to a layer.</source>
        <translation>Décochez une couche pour la geler ; clic droit pour geler jusqu&apos;à une couche.</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Space unticks a layer to freeze it, or ticks it to train it; the context menu key freezes up to the current layer.</source>
        <translation>La barre d&apos;espace décoche une couche pour la geler, ou la coche pour l&apos;entraîner ; la touche de menu contextuel gèle jusqu&apos;à la couche courante.</translation>
    </message>
    <message>
        <source>Total: every weight of the network. Trainable: those training will change; frozen ones keep their values. Depth: how many layers with weights an image passes through.</source>
        <translation>Total : chaque poids du réseau. Entraînables : ceux que l&apos;entraînement modifiera ; les gelés gardent leurs valeurs. Profondeur : le nombre de couches avec des poids que traverse une image.</translation>
    </message>
    <message>
        <source>Freeze all</source>
        <translation>Tout geler</translation>
    </message>
    <message>
        <source>Unfreeze all</source>
        <translation>Tout dégeler</translation>
    </message>
    <message>
        <source>Layers (untick to freeze)</source>
        <translation>Couches (décocher pour geler)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total&lt;/b&gt; %1 · &lt;b&gt;Trainable&lt;/b&gt; %2 · &lt;b&gt;Frozen&lt;/b&gt; %3 · &lt;b&gt;Depth&lt;/b&gt; %4</source>
        <translation>&lt;b&gt;Total&lt;/b&gt; %1 · &lt;b&gt;Entraînables&lt;/b&gt; %2 · &lt;b&gt;Gelés&lt;/b&gt; %3 · &lt;b&gt;Profondeur&lt;/b&gt; %4</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Point de contrôle</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors)</source>
        <translation>Points de contrôle (*.pth *.pt *.safetensors)</translation>
    </message>
    <message>
        <source>At %1 px the last feature map is %2×%2, but VGG&apos;s own classifier expects 512×7×7: the pool repeats each value to fill 7×7, and the classifier keeps its ~120 million parameters. The head &quot;Global average pooling + new layer&quot; needs a few thousand.</source>
        <translation>À %1 px, la dernière carte de caractéristiques fait %2×%2, mais le classifieur propre de VGG attend 512×7×7 : le pooling répète chaque valeur pour remplir 7×7, et le classifieur garde ses ~120 millions de paramètres. La tête « Global average pooling + nouvelle couche » en demande quelques milliers.</translation>
    </message>
    <message>
        <source>%1  —  %2, test accuracy %3</source>
        <translation>%1  —  %2, exactitude de test %3</translation>
    </message>
    <message>
        <source>Another folder…</source>
        <translation>Autre dossier…</translation>
    </message>
    <message>
        <source>Weights from a run</source>
        <translation>Poids d&apos;une exécution</translation>
    </message>
    <message>
        <source>No finished %1 run in %2 yet.</source>
        <translation>Pas encore d&apos;exécution terminée de %1 dans %2.</translation>
    </message>
    <message>
        <source>Finished runs of %1 (the newest first):</source>
        <translation>Exécutions terminées de %1 (les plus récentes d&apos;abord) :</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Dossier de l&apos;exécution</translation>
    </message>
    <message>
        <source>No run chosen.</source>
        <translation>Aucune exécution choisie.</translation>
    </message>
    <message>
        <source>%1 trained %2, not %3: choose a run of this model.</source>
        <translation>%1 a entraîné %2, pas %3 : choisissez une exécution de ce modèle.</translation>
    </message>
    <message>
        <source>Starts from run %1 (%2 classes of %3). Layers that fit are taken; the output layer starts fresh when the classes differ.</source>
        <translation>Part de l&apos;exécution %1 (%2 classes de %3). Les couches compatibles sont reprises ; la couche de sortie repart de zéro si les classes diffèrent.</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Aucun fichier choisi.</translation>
    </message>
    <message>
        <source>Our own small CNN: it trains from scratch, or starts from one of your runs (&quot;From a run…&quot;).</source>
        <translation>Notre petit CNN : il s&apos;entraîne à partir de zéro, ou part d&apos;une de vos exécutions (« Depuis une exécution… »).</translation>
    </message>
    <message>
        <source>Trains from scratch (random weights).</source>
        <translation>S&apos;entraîne à partir de zéro (poids aléatoires).</translation>
    </message>
    <message>
        <source>%1 is not on this computer yet.</source>
        <translation>%1 n&apos;est pas encore sur cet ordinateur.</translation>
    </message>
    <message>
        <source>✔ %1 (in PyTorch&apos;s cache)</source>
        <translation>✔ %1 (dans le cache de PyTorch)</translation>
    </message>
    <message>
        <source>The download failed (no network?). Try again later, or set Weights to &quot;Random initialisation&quot; to train offline.</source>
        <translation>Le téléchargement a échoué (pas de réseau ?). Réessayez plus tard, ou réglez Poids sur « Initialisation aléatoire » pour entraîner hors ligne.</translation>
    </message>
    <message>
        <source>Freeze up to here</source>
        <translation>Geler jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Unfreeze from here</source>
        <translation>Dégeler à partir d&apos;ici</translation>
    </message>
</context>
<context>
    <name>tl::ui::OnnxExportDialog</name>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Export to ONNX</source>
        <translation>Exporter en ONNX</translation>
    </message>
    <message>
        <source>The run&apos;s model as an ONNX file (opset 10) that runs without TransferLab: in OpenCV&apos;s DNN module (C++ or Python), ONNX Runtime and the like. Its preprocessing and class names go into the file and into a JSON file beside it.</source>
        <translation>Le modèle de l&apos;exécution en fichier ONNX (opset 10) qui fonctionne sans TransferLab : dans le module DNN d&apos;OpenCV (C++ ou Python), ONNX Runtime et autres. Son prétraitement et les noms des classes vont dans le fichier et dans un fichier JSON à côté.</translation>
    </message>
    <message>
        <source>Run…</source>
        <translation>Exécution…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation>Dossier de l&apos;exécution :</translation>
    </message>
    <message>
        <source>ONNX file:</source>
        <translation>Fichier ONNX :</translation>
    </message>
    <message>
        <source>A finished run</source>
        <translation>Une exécution terminée</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Choose a finished run and a file to write.</source>
        <translation>Choisissez une exécution terminée et un fichier à écrire.</translation>
    </message>
    <message>
        <source>Exporting and checking the file in OpenCV…</source>
        <translation>Export et vérification du fichier dans OpenCV…</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Non exporté : %1</translation>
    </message>
    <message>
        <source>Written %1 (%2 MB, ONNX opset %3) and %4. OpenCV&apos;s DNN module reads it back: its logits differ from LibTorch&apos;s by at most %5.</source>
        <translation>%1 écrit (%2 Mo, opset ONNX %3) et %4. Le module DNN d&apos;OpenCV le relit : ses logits diffèrent de ceux de LibTorch d&apos;au plus %5.</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>Dossier de l&apos;exécution</translation>
    </message>
    <message>
        <source>ONNX file</source>
        <translation>Fichier ONNX</translation>
    </message>
</context>
<context>
    <name>tl::ui::PredictPanel</name>
    <message>
        <source>Top 5</source>
        <translation>Top 5</translation>
    </message>
    <message>
        <source>%1: %2 %</source>
        <translation>%1 : %2 %</translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation>Ouvrir des &amp;images…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Ouvrir un d&amp;ossier…</translation>
    </message>
    <message>
        <source>&amp;Webcam</source>
        <translation>&amp;Webcam</translation>
    </message>
    <message>
        <source>Classify live frames from the first camera</source>
        <translation>Classer les images en direct de la première caméra</translation>
    </message>
    <message>
        <source>&amp;Random test image</source>
        <translation>Image de test au &amp;hasard</translation>
    </message>
    <message>
        <source>A test image the model never trained on, picked at random</source>
        <translation>Une image de test que le modèle n&apos;a jamais vue à l&apos;entraînement, choisie au hasard</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>&amp;Dessiner</translation>
    </message>
    <message>
        <source>Draw something and see what the model says</source>
        <translation>Dessinez quelque chose et voyez ce que dit le modèle</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>E&amp;xécution :</translation>
    </message>
    <message>
        <source>Drop images or folders here</source>
        <translation>Déposez des images ou des dossiers ici</translation>
    </message>
    <message>
        <source>Images to classify</source>
        <translation>Images à classer</translation>
    </message>
    <message>
        <source>Arrow keys choose an image; the model&apos;s answer is beside it.</source>
        <translation>Les flèches choisissent une image ; la réponse du modèle est à côté.</translation>
    </message>
    <message>
        <source>Open or drop images to classify them with the run&apos;s model.</source>
        <translation>Ouvrez ou déposez des images pour les classer avec le modèle de l&apos;exécution.</translation>
    </message>
    <message>
        <source>Layer (pick one for Grad-CAM)</source>
        <translation>Couche (en choisir une pour Grad-CAM)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Layer for Grad-CAM and the feature maps</source>
        <translation>Couche pour Grad-CAM et les cartes de caractéristiques</translation>
    </message>
    <message>
        <source>Grad-CAM: where the model looks</source>
        <translation>Grad-CAM : où le modèle regarde</translation>
    </message>
    <message>
        <source>O&amp;pacity</source>
        <translation>O&amp;pacité</translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation>Cl&amp;asse</translation>
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation>Opacité de Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM class</source>
        <translation>Classe de Grad-CAM</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clear the drawing</source>
        <translation>Effacer le dessin</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>Dessinez ici</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Cartes de caractéristiques</translation>
    </message>
    <message>
        <source>What the picked layer computes from this image: one small map per channel (bright: strong), and a first convolution&apos;s filters</source>
        <translation>Ce que la couche choisie calcule à partir de cette image : une petite carte par canal (clair : fort), et les filtres d&apos;une première convolution</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation>Dossier d&apos;images</translation>
    </message>
    <message>
        <source>Load a dataset in the Data tab first: its test images are used.</source>
        <translation>Chargez d&apos;abord un jeu de données dans l&apos;onglet Données : ses images de test sont utilisées.</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>dessin</translation>
    </message>
    <message>
        <source>No finished run yet: train one first (3 · Training).</source>
        <translation>Pas encore d&apos;exécution terminée : entraînez-en une d&apos;abord (3 · Entraînement).</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on %2×%2 %3 images, %4 classes.&lt;br/&gt;Images are converted exactly as in training.%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; sur des images %3 de %2×%2, %4 classes.&lt;br/&gt;Les images sont converties exactement comme à l&apos;entraînement.%5</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>grises</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>en couleur</translation>
    </message>
    <message>
        <source>&lt;br/&gt;Calibrated (T = %1): it says when it does not know.</source>
        <translation>&lt;br/&gt;Calibré (T = %1) : il dit quand il ne sait pas.</translation>
    </message>
    <message>
        <source>&lt;br/&gt;Not calibrated%1: calibrate it in Results › Confidence to know when it does not know.</source>
        <translation>&lt;br/&gt;Non calibré%1 : calibrez-le dans Résultats › Confiance pour savoir quand il ne sait pas.</translation>
    </message>
    <message>
        <source>Top 5 (calibrated probabilities)</source>
        <translation>Top 5 (probabilités calibrées)</translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation>la classe prédite</translation>
    </message>
    <message>
        <source>last convolutional block</source>
        <translation>dernier bloc de convolution</translation>
    </message>
    <message numerus="yes">
        <source>Cannot read %n image(s):
</source>
        <translation>
            <numerusform>Impossible de lire %n image :
</numerusform>
            <numerusform>Impossible de lire %n images :
</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;I don&apos;t know:&lt;/b&gt; this does not look like anything I was trained on (unfamiliar %1 &amp;gt; %2).</source>
        <translation>&lt;b&gt;Je ne sais pas :&lt;/b&gt; cela ne ressemble à rien de ce sur quoi j&apos;ai été entraîné (étrangeté %1 &amp;gt; %2).</translation>
    </message>
    <message>
        <source>Looks like its training images (unfamiliar %1, below %2).</source>
        <translation>Ressemble à ses images d&apos;entraînement (étrangeté %1, sous %2).</translation>
    </message>
    <message>
        <source>Showing %1 at layer %2</source>
        <translation>Affichage de %1 à la couche %2</translation>
    </message>
    <message>
        <source>No webcam found, or another program is using it. Connect one and press Webcam again, or open images, pick a random test image or draw one.</source>
        <translation>Aucune webcam trouvée, ou un autre programme l&apos;utilise. Branchez-en une et appuyez à nouveau sur Webcam, ou ouvrez des images, prenez une image de test au hasard ou dessinez-en une.</translation>
    </message>
    <message>
        <source>test #%1 · %2</source>
        <translation>test n° %1 · %2</translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation>Pas encore de prédiction</translation>
    </message>
</context>
<context>
    <name>tl::ui::QueuePanel</name>
    <message>
        <source>Add current settings</source>
        <translation>Ajouter les réglages actuels</translation>
    </message>
    <message>
        <source>Queues a run of the experiment as the Data, Model and Training tabs show it now</source>
        <translation>Met en file une exécution de l&apos;expérience telle que la montrent maintenant les onglets Données, Modèle et Entraînement</translation>
    </message>
    <message>
        <source>Sweep…</source>
        <translation>Balayage…</translation>
    </message>
    <message>
        <source>Many runs from the current settings: a table of settings and values</source>
        <translation>De nombreuses exécutions à partir des réglages actuels : un tableau de réglages et de valeurs</translation>
    </message>
    <message>
        <source>Sweep recipes</source>
        <translation>Recettes de balayage</translation>
    </message>
    <message>
        <source>Opens a menu of the notebooks&apos; sweeps.</source>
        <translation>Ouvre un menu des balayages des notebooks.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>▲</source>
        <translation>▲</translation>
    </message>
    <message>
        <source>▼</source>
        <translation>▼</translation>
    </message>
    <message>
        <source>Earlier in the queue</source>
        <translation>Plus tôt dans la file</translation>
    </message>
    <message>
        <source>Later in the queue</source>
        <translation>Plus tard dans la file</translation>
    </message>
    <message>
        <source>The running run goes on; no new one starts until unpaused</source>
        <translation>L&apos;exécution en cours continue ; aucune nouvelle ne démarre avant la fin de la pause</translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation>File d&apos;exécutions</translation>
    </message>
    <message>
        <source>Sweep results</source>
        <translation>Résultats du balayage</translation>
    </message>
    <message>
        <source>Open sweep folder…</source>
        <translation>Ouvrir le dossier du balayage…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Exporter le rapport…</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>&amp;Balayage</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Balayage</translation>
    </message>
    <message>
        <source>Open in Results</source>
        <translation>Ouvrir dans Résultats</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>Comparer la sélection</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Sweep chart</source>
        <translation>Graphique du balayage</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Pas encore de valeurs.</translation>
    </message>
    <message>
        <source>Heat map of test accuracy</source>
        <translation>Carte de chaleur de l&apos;exactitude de test</translation>
    </message>
    <message>
        <source>A sweep folder</source>
        <translation>Un dossier de balayage</translation>
    </message>
    <message>
        <source>Export the sweep&apos;s report</source>
        <translation>Exporter le rapport du balayage</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Rapport écrit dans %1</translation>
    </message>
    <message>
        <source>No sweep yet: Sweep… or Sweep recipes above queue one, and its results fill in here as its runs finish.</source>
        <translation>Pas encore de balayage : Balayage… ou Recettes de balayage ci-dessus en mettent un en file, et ses résultats s&apos;affichent ici à mesure que ses exécutions se terminent.</translation>
    </message>
    <message>
        <source>Choose a sweep to see its results.</source>
        <translation>Choisissez un balayage pour voir ses résultats.</translation>
    </message>
    <message>
        <source>Cannot show this sweep: %1</source>
        <translation>Impossible d&apos;afficher ce balayage : %1</translation>
    </message>
    <message>
        <source>%1: %2 runs (%3), %4 finished, %5 failed. Test accuracy on the held-out test set; click a point, a cell or a row to open that run.</source>
        <translation>%1 : %2 exécutions (%3), %4 terminées, %5 en échec. Exactitude sur les données de test mises à part ; cliquez sur un point, une cellule ou une ligne pour ouvrir cette exécution.</translation>
    </message>
    <message>
        <source>, %1 seeds each</source>
        <translation>, %1 graines chacune</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Test acc
(mean ± sd)</source>
        <translation>Exactitude test
(moyenne ± é.-t.)</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Exactitude test</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Durée (s)</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminées</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Test accuracy for each point</source>
        <translation>Exactitude de test pour chaque point</translation>
    </message>
    <message>
        <source>Test accuracy against %1</source>
        <translation>Exactitude de test selon %1</translation>
    </message>
    <message>
        <source>Heat map: %1 × %2</source>
        <translation>Carte de chaleur : %1 × %2</translation>
    </message>
    <message>
        <source>Test accuracy against training time (Pareto front)</source>
        <translation>Exactitude de test selon la durée d&apos;entraînement (front de Pareto)</translation>
    </message>
    <message>
        <source>That point has no finished run yet.</source>
        <translation>Ce point n&apos;a pas encore d&apos;exécution terminée.</translation>
    </message>
    <message>
        <source>Select two or more points with finished runs to compare.</source>
        <translation>Sélectionnez au moins deux points avec des exécutions terminées pour les comparer.</translation>
    </message>
    <message>
        <source>point</source>
        <translation>point</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation> (échelle logarithmique)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>mean test accuracy</source>
        <translation>exactitude de test moyenne</translation>
    </message>
    <message>
        <source>a run</source>
        <translation>une exécution</translation>
    </message>
    <message>
        <source>nothing beats it on both (Pareto front)</source>
        <translation>rien ne le bat sur les deux (front de Pareto)</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>durée d&apos;entraînement (s)</translation>
    </message>
    <message numerus="yes">
        <source>mean test accuracy of %n run(s); click to open one</source>
        <translation>
            <numerusform>exactitude de test moyenne de %n exécution ; cliquez pour l&apos;ouvrir</numerusform>
            <numerusform>exactitude de test moyenne de %n exécutions ; cliquez pour en ouvrir une</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot queue this experiment</source>
        <translation>Impossible de mettre cette expérience en file d&apos;attente</translation>
    </message>
    <message>
        <source>Sweep recipe</source>
        <translation>Recette de balayage</translation>
    </message>
    <message>
        <source>%1

%2 runs. Quick runs use 2 % of the data and one epoch a stage (a classroom laptop); full runs are the notebook&apos;s.</source>
        <translation>%1

%2 exécutions. Les exécutions rapides utilisent 2 % des données et une époque par étape (un portable de classe) ; les complètes sont celles du notebook.</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Complète</translation>
    </message>
    <message>
        <source>Cannot queue the recipe</source>
        <translation>Impossible de mettre la recette en file d&apos;attente</translation>
    </message>
    <message>
        <source>Run queue: runs train in the background</source>
        <translation>File d&apos;exécutions : les exécutions s&apos;entraînent en arrière-plan</translation>
    </message>
    <message>
        <source>Runs trained at the same time, each with its share of the cores (and with several GPUs, one each)</source>
        <translation>Exécutions entraînées en même temps, chacune avec sa part des cœurs (et avec plusieurs GPU, une chacune)</translation>
    </message>
    <message>
        <source>Runs trained at the same time</source>
        <translation>Exécutions entraînées en même temps</translation>
    </message>
    <message>
        <source>Successive halving: curves cut at their rung</source>
        <translation>Réduction de moitié successive : courbes coupées à leur palier</translation>
    </message>
    <message>
        <source>Which setting mattered</source>
        <translation>Quel réglage a compté</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>perte val.</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>exactitude val.</translation>
    </message>
    <message>
        <source>rung</source>
        <translation>palier</translation>
    </message>
    <message>
        <source>%1 of %2 points pruned; %3 epochs trained</source>
        <translation>%1 points sur %2 élagués ; %3 époques entraînées</translation>
    </message>
    <message>
        <source>share</source>
        <translation>part</translation>
    </message>
    <message>
        <source>share of what the settings explain (%)</source>
        <translation>part de ce qu&apos;expliquent les réglages (%)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>where it stopped</source>
        <translation>où elle s&apos;est arrêtée</translation>
    </message>
    <message>
        <source>pruned</source>
        <translation>élaguée</translation>
    </message>
    <message>
        <source>went on</source>
        <translation>poursuivie</translation>
    </message>
    <message numerus="yes">
        <source>Which setting mattered (%n points)</source>
        <translation>
            <numerusform>Quel réglage a compté (%n point)</numerusform>
            <numerusform>Quel réglage a compté (%n points)</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1: each setting&apos;s share of the variance a random forest&apos;s splits on it remove</source>
        <translation>D&apos;après %1 : la part de la variance que les divisions d&apos;une forêt aléatoire sur chaque réglage éliminent</translation>
    </message>
</context>
<context>
    <name>tl::ui::Recipes</name>
    <message>
        <source>Seed 000: the custom CNN on CIFAR-10 (Adam, 10 epochs, early stopping)</source>
        <translation>Seed 000 : le CNN maison sur CIFAR-10 (Adam, 10 époques, arrêt anticipé)</translation>
    </message>
    <message>
        <source>Seed 000: ResNet50 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 30 layers)</source>
        <translation>Seed 000 : ResNet50 sur CIFAR-10 à 224 px, gelé puis ajustement fin (les 30 dernières couches)</translation>
    </message>
    <message>
        <source>Seed 000: VGG19 on CIFAR-10 at 224 px, frozen then fine-tuned (the last 150 layers)</source>
        <translation>Seed 000 : VGG19 sur CIFAR-10 à 224 px, gelé puis ajustement fin (les 150 dernières couches)</translation>
    </message>
    <message>
        <source>Seed 001: VGG16 at 224 px, feature extraction with SGD, then block5 fine-tuned</source>
        <translation>Seed 001 : VGG16 à 224 px, extraction de caractéristiques avec SGD, puis ajustement fin de block5</translation>
    </message>
    <message>
        <source>Seed 002: VGG-style CNN, baseline (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002 : CNN de style VGG, référence (SGD 1e-3, momentum 0,9, 5 époques)</translation>
    </message>
    <message>
        <source>Seed 002: + BatchNorm (momentum 0.8) + L2 0.001 (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002 : + BatchNorm (momentum 0,8) + L2 0,001 (SGD 1e-3, momentum 0,9, 5 époques)</translation>
    </message>
    <message>
        <source>Seed 002: + BatchNorm with momentum 0.8 (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002 : + BatchNorm avec momentum 0,8 (SGD 1e-3, momentum 0,9, 5 époques)</translation>
    </message>
    <message>
        <source>Seed 002: VGG-style CNN + BatchNorm (SGD 1e-3, momentum 0.9, 5 epochs)</source>
        <translation>Seed 002 : CNN de style VGG + BatchNorm (SGD 1e-3, momentum 0,9, 5 époques)</translation>
    </message>
    <message>
        <source>Seed 002 iteration IV: VGG16 truncated at block3_pool, frozen, new head</source>
        <translation>Seed 002, itération IV : VGG16 coupé à block3_pool, gelé, nouvelle tête</translation>
    </message>
    <message>
        <source>Seed 002 iteration II: the same, block5 unfrozen (set_trainable from block5_conv1)</source>
        <translation>Seed 002, itération II : la même, block5 dégelé (set_trainable à partir de block5_conv1)</translation>
    </message>
    <message>
        <source>Seed 002 iteration I: VGG16 at 32 px, frozen, Flatten + Dense(256)+BN + Dropout(0.5)</source>
        <translation>Seed 002, itération I : VGG16 à 32 px, gelé, Flatten + Dense(256)+BN + Dropout(0,5)</translation>
    </message>
    <message>
        <source>Seed 003: trainable VGG16 at 32 px with a Flatten + Dense(512)+BN + Dropout(0.5) head (Adam, early stopping on val_loss)</source>
        <translation>Seed 003 : VGG16 entraînable à 32 px avec une tête Flatten + Dense(512)+BN + Dropout(0,5) (Adam, arrêt anticipé sur val_loss)</translation>
    </message>
    <message>
        <source>Seed 004: resnet18 with AutoAugment on 10 % of CIFAR-10, classifier retrained (Adam, 5 epochs)</source>
        <translation>Seed 004 : resnet18 avec AutoAugment sur 10 % de CIFAR-10, classifieur réentraîné (Adam, 5 époques)</translation>
    </message>
    <message>
        <source>Seed 004: vgg16 with AutoAugment on 10 % of CIFAR-10, classifier retrained (Adam, 5 epochs)</source>
        <translation>Seed 004 : vgg16 avec AutoAugment sur 10 % de CIFAR-10, classifieur réentraîné (Adam, 5 époques)</translation>
    </message>
    <message>
        <source>How deep to fine-tune ResNet18: the second stage trains from each of layer1-4 on (frozen throughout to all of it)</source>
        <translation>Jusqu&apos;où ajuster finement ResNet18 : la deuxième étape entraîne à partir de chacune des couches layer1-4 (de tout gelé à tout entraîné)</translation>
    </message>
    <message>
        <source>How deep to fine-tune VGG16: the second stage trains from each block on (frozen throughout to all of it)</source>
        <translation>Jusqu&apos;où ajuster finement VGG16 : la deuxième étape entraîne à partir de chaque bloc (de tout gelé à tout entraîné)</translation>
    </message>
    <message>
        <source>Seed 000 as one sweep: the custom CNN, VGG19 and ResNet50 on CIFAR-10</source>
        <translation>Seed 000 en un balayage : le CNN maison, VGG19 et ResNet50 sur CIFAR-10</translation>
    </message>
    <message>
        <source>Seed 001 as one sweep: VGG16 frozen then block5 fine-tuned, against frozen for the same epochs</source>
        <translation>Seed 001 en un balayage : VGG16 gelé puis block5 ajusté finement, contre gelé pendant les mêmes époques</translation>
    </message>
    <message>
        <source>Seed 002 as one sweep: VGG-style CNN, baseline against + BatchNorm against + BatchNorm + L2</source>
        <translation>Seed 002 en un balayage : CNN de style VGG, référence contre + BatchNorm contre + BatchNorm + L2</translation>
    </message>
</context>
<context>
    <name>tl::ui::ResultsPanel</name>
    <message>
        <source>Train a model to see its results here.</source>
        <translation>Entraînez un modèle pour voir ses résultats ici.</translation>
    </message>
    <message>
        <source>Per cent of each true class</source>
        <translation>Pourcentage de chaque vraie classe</translation>
    </message>
    <message>
        <source>Show each row as percentages of that true class&apos;s images</source>
        <translation>Afficher chaque ligne en pourcentage des images de sa vraie classe</translation>
    </message>
    <message>
        <source>Rows: true class. Columns: predicted class. Click a cell to see its images.</source>
        <translation>Lignes : vraie classe. Colonnes : classe prédite. Cliquez sur une cellule pour voir ses images.</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Matrice de confusion</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: the predicted class. Enter on a cell shows its images.</source>
        <translation>Lignes : la vraie classe ; colonnes : la classe prédite. Entrée sur une cellule affiche ses images.</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted)</source>
        <translation>Matrice de confusion (lignes : vraie classe, colonnes : prédite)</translation>
    </message>
    <message>
        <source>Scrub through training: the test confusion matrix after each epoch.</source>
        <translation>Parcourir l&apos;entraînement : la matrice de confusion des données de test après chaque époque.</translation>
    </message>
    <message>
        <source>After &amp;epoch:</source>
        <translation>Après l&apos;&amp;époque :</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: what the model said. The diagonal is right; click any other cell to see those mistakes.</source>
        <translation>Lignes : la vraie classe ; colonnes : ce qu&apos;a dit le modèle. La diagonale est juste ; cliquez sur une autre cellule pour voir ces erreurs.</translation>
    </message>
    <message>
        <source>Click a cell of the matrix.</source>
        <translation>Cliquez sur une cellule de la matrice.</translation>
    </message>
    <message>
        <source>Grad-&amp;CAM…</source>
        <translation>Grad-&amp;CAM…</translation>
    </message>
    <message>
        <source>Where the model looks in this image (opens it in Predict); double-clicking an image does the same</source>
        <translation>Où le modèle regarde dans cette image (l&apos;ouvre dans Prédire) ; un double-clic sur une image fait de même</translation>
    </message>
    <message>
        <source>Images in the cell, most wrong first</source>
        <translation>Images de la cellule, les plus fausses d&apos;abord</translation>
    </message>
    <message>
        <source>Under each image: what the model said, and how sure it was of the true class (the lower, the more wrong).</source>
        <translation>Sous chaque image : ce qu&apos;a dit le modèle, et à quel point il était sûr de la vraie classe (plus c&apos;est bas, plus c&apos;est faux).</translation>
    </message>
    <message>
        <source>Images in the cell</source>
        <translation>Images de la cellule</translation>
    </message>
    <message>
        <source>Arrow keys choose an image; Enter opens it in Grad-CAM.</source>
        <translation>Les flèches choisissent une image ; Entrée l&apos;ouvre dans Grad-CAM.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Per class: precision, recall, F1 and images</source>
        <translation>Par classe : précision, rappel, F1 et images</translation>
    </message>
    <message>
        <source>Most confused pairs</source>
        <translation>Paires les plus confondues</translation>
    </message>
    <message>
        <source>Enter shows the images of a pair.</source>
        <translation>Entrée affiche les images d&apos;une paire.</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Par classe</translation>
    </message>
    <message>
        <source>Most confused (true → predicted)</source>
        <translation>Les plus confondues (vraie → prédite)</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <source>This run as one HTML page for a class handout: settings, curves, confusion matrix, per-class table, worst mistakes</source>
        <translation>Cette exécution en une page HTML à distribuer en classe : réglages, courbes, matrice de confusion, tableau par classe, pires erreurs</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Pages web (*.html)</translation>
    </message>
    <message>
        <source>&amp;Mistakes</source>
        <translation>&amp;Erreurs</translation>
    </message>
    <message>
        <source>&amp;Feature space</source>
        <translation>Espace des caractéris&amp;tiques</translation>
    </message>
    <message>
        <source>Inside the network: the test set as a map, the nearest training images of an image, the labels it doubts</source>
        <translation>À l&apos;intérieur du réseau : les données de test sous forme de carte, les images d&apos;entraînement les plus proches d&apos;une image, les étiquettes dont il doute</translation>
    </message>
    <message>
        <source>&amp;Confidence</source>
        <translation>C&amp;onfiance</translation>
    </message>
    <message>
        <source>How far its confidence can be trusted: reliability, calibration, a threshold for &quot;not sure&quot;</source>
        <translation>Jusqu&apos;où se fier à sa confiance : fiabilité, calibration, un seuil pour « pas sûr »</translation>
    </message>
    <message>
        <source>Click a cell of the matrix. Confidences are calibrated (T = %1).</source>
        <translation>Cliquez sur une cellule de la matrice. Les confiances sont calibrées (T = %1).</translation>
    </message>
    <message>
        <source>test #%1</source>
        <translation>test n° %1</translation>
    </message>
    <message>
        <source> · &lt;i&gt;stopped early&lt;/i&gt;</source>
        <translation> · &lt;i&gt;arrêt anticipé&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1 (finale)</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2 : %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>The matrix shows epoch %1; the images are the final model&apos;s predictions.</source>
        <translation>La matrice montre l&apos;époque %1 ; les images sont les prédictions du modèle final.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; predicted correctly: %2 images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; correctement prédit : %2 images</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; predicted as &lt;b&gt;%2&lt;/b&gt;: %3 images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; prédit comme &lt;b&gt;%2&lt;/b&gt; : %3 images</translation>
    </message>
    <message>
        <source>&lt;p&gt;test image %1&lt;br&gt;true class: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;loss %3&lt;/p&gt;&lt;table cellspacing=4&gt;</source>
        <translation>&lt;p&gt;image de test %1&lt;br&gt;vraie classe : &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;perte %3&lt;/p&gt;&lt;table cellspacing=4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;calibrated probabilities (T = %1)&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;probabilités calibrées (T = %1)&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test accuracy %L1%&lt;/b&gt; · loss %L2 · top-5 %L3% · %L4 test images · %L5 s per epoch%6</source>
        <translation>&lt;b&gt;Exactitude de test %L1 %&lt;/b&gt; · perte %L2 · top-5 %L3 % · %L4 images de test · %L5 s par époque%6</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunFollower</name>
    <message>
        <source>&amp;Open in Results</source>
        <translation>&amp;Ouvrir dans Résultats</translation>
    </message>
    <message>
        <source>Available when the run has finished</source>
        <translation>Disponible quand l&apos;exécution est terminée</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>Arrêter de suivre</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>train (batches)</source>
        <translation>entraînement (lots)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>entraînement (époque)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitude</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>Read from the run&apos;s folder: %1 (batches) and %2 (epochs).</source>
        <translation>Lu dans le dossier de l&apos;exécution : %1 (lots) et %2 (époques).</translation>
    </message>
    <message>
        <source>Following %1</source>
        <translation>Suivi de %1</translation>
    </message>
    <message>
        <source>epoch %1 (stage %2, %3 of %4), batch %5 of %6, loss %7, accuracy %8, %9 images/s</source>
        <translation>époque %1 (étape %2, %3 sur %4), lot %5 sur %6, perte %7, exactitude %8, %9 images/s</translation>
    </message>
    <message>
        <source>running on %1</source>
        <translation>en cours sur %1</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1 : %2, %3</translation>
    </message>
    <message>
        <source>waiting for the first progress report</source>
        <translation>en attente du premier rapport de progression</translation>
    </message>
    <message>
        <source> (%1 s ago)</source>
        <translation> (il y a %1 s)</translation>
    </message>
    <message>
        <source>finished: test accuracy %1 after %2 epochs</source>
        <translation>terminé : exactitude de test %1 après %2 époques</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunQueue</name>
    <message>
        <source>about %1</source>
        <translation>environ %1</translation>
    </message>
    <message>
        <source>finished earlier</source>
        <translation>terminée auparavant</translation>
    </message>
    <message>
        <source>stopped after its last full epoch; Retry continues it</source>
        <translation>arrêtée après sa dernière époque complète ; Réessayer la poursuit</translation>
    </message>
    <message>
        <source>stopped before its first epoch ended</source>
        <translation>arrêtée avant la fin de sa première époque</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>annulée avant de démarrer</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en file</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>arrêt en cours…</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>a duré %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>Meill. exact. val.</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Exactitude test</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunsModel</name>
    <message>
        <source>%1, %2 %</source>
        <translation>%1, %2 %</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>damaged (see the tooltip)</source>
        <translation>endommagée (voir l&apos;infobulle)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>running on %1</source>
        <translation>en cours sur %1</translation>
    </message>
    <message>
        <source>interrupted (resumable)</source>
        <translation>interrompue (reprenable)</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Entraînable</translation>
    </message>
    <message>
        <source>Total params</source>
        <translation>Paramètres au total</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>Meill. exact. val.</translation>
    </message>
    <message>
        <source>Test acc</source>
        <translation>Exactitude test</translation>
    </message>
    <message>
        <source>s/epoch</source>
        <translation>s/époque</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>images/s</translation>
    </message>
</context>
<context>
    <name>tl::ui::RunsPanel</name>
    <message>
        <source>These runs were not tested on the same images with the same labels, so their test accuracies cannot be compared: files moved between class folders redraw a test split taken from the same folder, and fixed test labels change what counts as right. Images that flipped scores both runs against run B&apos;s labels.</source>
        <translation>Ces exécutions n’ont pas été testées sur les mêmes images avec les mêmes étiquettes, donc leurs précisions de test ne sont pas comparables : des fichiers déplacés entre dossiers de classes tirent à nouveau une partie test prise dans le même dossier, et des étiquettes de test corrigées changent ce qui compte comme juste. « Images qui ont basculé » évalue les deux exécutions selon les étiquettes de l’exécution B.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Enter opens the run in Results.</source>
        <translation>Entrée ouvre l&apos;exécution dans Résultats.</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <translation>Filtrer les exécutions</translation>
    </message>
    <message>
        <source>Filter (model, dataset, run name)…</source>
        <translation>Filtre (modèle, jeu de données, nom d&apos;exécution)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Compare selected</source>
        <translation>&amp;Comparer la sélection</translation>
    </message>
    <message>
        <source>&amp;Open in Results</source>
        <translation>&amp;Ouvrir dans Résultats</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last completed epoch</source>
        <translation>Reprendre une exécution interrompue à partir de sa dernière époque terminée</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Suivre</translation>
    </message>
    <message>
        <source>Watch a run another program is training (a CLI run, a cluster job writing into this folder): live curves and status</source>
        <translation>Observer une exécution qu&apos;un autre programme entraîne (une exécution en ligne de commande, une tâche de cluster qui écrit dans ce dossier) : courbes en direct et état</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <source>One HTML page of the selected runs, for a class handout</source>
        <translation>Une page HTML des exécutions sélectionnées, à distribuer en classe</translation>
    </message>
    <message>
        <source>F&amp;older…</source>
        <translation>&amp;Dossier…</translation>
    </message>
    <message>
        <source>Show the runs of another folder, e.g. a shared folder that cluster jobs write into</source>
        <translation>Afficher les exécutions d&apos;un autre dossier, par exemple un dossier partagé où écrivent des tâches de cluster</translation>
    </message>
    <message>
        <source>Select the runs for the report first.</source>
        <translation>Sélectionnez d&apos;abord les exécutions du rapport.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Pages web (*.html)</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Dossier des exécutions</translation>
    </message>
    <message>
        <source>Runs in %1</source>
        <translation>Exécutions dans %1</translation>
    </message>
    <message>
        <source>Select the run to follow first.</source>
        <translation>Sélectionnez d&apos;abord l&apos;exécution à suivre.</translation>
    </message>
    <message>
        <source>Select two or more runs first.</source>
        <translation>Sélectionnez d&apos;abord au moins deux exécutions.</translation>
    </message>
    <message>
        <source>%1 cannot be resumed: it is %2.</source>
        <translation>%1 ne peut pas être reprise : elle est %2.</translation>
    </message>
</context>
<context>
    <name>tl::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Ce qu&apos;elles font</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Maj+Tab</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>Contrôle suivant ou précédent</translation>
    </message>
    <message>
        <source>Ctrl+Tab, Ctrl+Shift+Tab</source>
        <translation>Ctrl+Tab, Ctrl+Maj+Tab</translation>
    </message>
    <message>
        <source>Next or previous tab (also Ctrl+Page Down/Up)</source>
        <translation>Onglet suivant ou précédent (aussi Ctrl+Page suiv./préc.)</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + lettre soulignée</translation>
    </message>
    <message>
        <source>The control or menu whose label has that letter underlined</source>
        <translation>Le contrôle ou le menu dont le libellé a cette lettre soulignée</translation>
    </message>
    <message>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <source>The menu bar</source>
        <translation>La barre de menus</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Down</source>
        <translation>Flèches, Page préc./suiv.</translation>
    </message>
    <message>
        <source>Move inside a list, table, tree or slider</source>
        <translation>Se déplacer dans une liste, un tableau, une arborescence ou un curseur</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>Press a button; tick or untick a check box or a layer in the tree (unticked layers are frozen)</source>
        <translation>Appuyer sur un bouton ; cocher ou décocher une case ou une couche de l&apos;arborescence (les couches décochées sont gelées)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Confusion matrix: show the images of the current cell; a gallery: open the current image</source>
        <translation>Matrice de confusion : afficher les images de la cellule courante ; une galerie : ouvrir l&apos;image courante</translation>
    </message>
    <message>
        <source>Shift+F10, Menu key</source>
        <translation>Maj+F10, touche Menu</translation>
    </message>
    <message>
        <source>A view&apos;s context menu</source>
        <translation>Le menu contextuel d&apos;une vue</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Échap</translation>
    </message>
    <message>
        <source>Close a dialog or menu</source>
        <translation>Fermer une boîte de dialogue ou un menu</translation>
    </message>
    <message>
        <source>Every action works from the keyboard. The focused control has a frame around it.</source>
        <translation>Chaque action fonctionne au clavier. Le contrôle qui a le focus est encadré.</translation>
    </message>
</context>
<context>
    <name>tl::ui::SweepDialog</name>
    <message>
        <source>Sweep: many runs from the current settings</source>
        <translation>Balayage : de nombreuses exécutions à partir des réglages actuels</translation>
    </message>
    <message>
        <source>Each row is a setting of the current experiment and the values to try, separated by commas. Every combination becomes one run (a grid); repeats run each with another seed, for error bars.</source>
        <translation>Chaque ligne est un réglage de l&apos;expérience actuelle et les valeurs à essayer, séparées par des virgules. Chaque combinaison devient une exécution (une grille) ; les répétitions tournent chacune avec une autre graine, pour les barres d&apos;erreur.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Réglage</translation>
    </message>
    <message>
        <source>Values (comma-separated)</source>
        <translation>Valeurs (séparées par des virgules)</translation>
    </message>
    <message>
        <source>Settings to sweep and their values</source>
        <translation>Réglages à balayer et leurs valeurs</translation>
    </message>
    <message>
        <source>+ Setting</source>
        <translation>+ Réglage</translation>
    </message>
    <message>
        <source>− Setting</source>
        <translation>− Réglage</translation>
    </message>
    <message>
        <source>Add a setting</source>
        <translation>Ajouter un réglage</translation>
    </message>
    <message>
        <source>Remove the current setting</source>
        <translation>Retirer le réglage courant</translation>
    </message>
    <message>
        <source>Runs of each point with seeds seed, seed+1, ...: the results show mean ± standard deviation</source>
        <translation>Exécutions de chaque point avec les graines graine, graine+1, ... : les résultats montrent moyenne ± écart-type</translation>
    </message>
    <message>
        <source>Repeats (seeds)</source>
        <translation>Répétitions (graines)</translation>
    </message>
    <message>
        <source>Sweep name</source>
        <translation>Nom du balayage</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Ajouter à la file</translation>
    </message>
    <message>
        <source>row %1 has values but no setting</source>
        <translation>la ligne %1 a des valeurs mais pas de réglage</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no values</source>
        <translation>&apos;%1&apos; n&apos;a pas de valeurs</translation>
    </message>
    <message>
        <source>add a setting and the values to try</source>
        <translation>ajoutez un réglage et les valeurs à essayer</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Not a valid sweep: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Balayage non valide : %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 exécution</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>%1 exécutions</translation>
    </message>
    <message>
        <source> · about %1 at the speed measured for these models</source>
        <translation> · environ %1 à la vitesse mesurée pour ces modèles</translation>
    </message>
    <message>
        <source> · at least %1; %2 of them use a model with no finished run to time it by</source>
        <translation> · au moins %1 ; %2 d&apos;entre elles utilisent un modèle sans exécution terminée pour les chronométrer</translation>
    </message>
    <message>
        <source> · time unknown: no finished run of these models to time them by</source>
        <translation> · durée inconnue : aucune exécution terminée de ces modèles pour les chronométrer</translation>
    </message>
</context>
<context>
    <name>tl::ui::TeachPanel</name>
    <message>
        <source>Download the weights</source>
        <translation>Télécharger les poids</translation>
    </message>
    <message>
        <source>Features: %1 of %2 images</source>
        <translation>Caractéristiques : %1 sur %2 images</translation>
    </message>
    <message>
        <source>Features of all %1 images ready</source>
        <translation>Caractéristiques des %1 images prêtes</translation>
    </message>
    <message>
        <source>Live: %1 frames/s</source>
        <translation>En direct : %1 images/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>trained in %1 s</source>
        <translation>entraîné en %1 s</translation>
    </message>
    <message>
        <source>Trained in %1 s: %2 % of the recorded images right. Show the camera something.</source>
        <translation>Entraîné en %1 s : %2 % des images enregistrées justes. Montrez quelque chose à la caméra.</translation>
    </message>
    <message>
        <source>Backbone: %1</source>
        <translation>Backbone : %1</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Open a project: a folder with one subfolder of images per class</source>
        <translation>Ouvrir un projet : un dossier avec un sous-dossier d&apos;images par classe</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Copy the project into a new folder and go on there</source>
        <translation>Copier le projet dans un nouveau dossier et continuer là</translation>
    </message>
    <message>
        <source>Open a Teach project</source>
        <translation>Ouvrir un projet Enseigner</translation>
    </message>
    <message>
        <source>Save the project into a new, empty folder</source>
        <translation>Enregistrer le projet dans un nouveau dossier vide</translation>
    </message>
    <message>
        <source>The camera: its number (0 is the first webcam), or a video file that stands in for one</source>
        <translation>La caméra : son numéro (0 est la première webcam), ou un fichier vidéo qui la remplace</translation>
    </message>
    <message>
        <source>Video…</source>
        <translation>Vidéo…</translation>
    </message>
    <message>
        <source>Use a video file as the camera</source>
        <translation>Utiliser un fichier vidéo comme caméra</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>The frozen network that turns each image into features; changing it computes them again</source>
        <translation>Le réseau gelé qui transforme chaque image en caractéristiques ; le changer les recalcule</translation>
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation>Poids ImageNet</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projet :</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Caméra :</translation>
    </message>
    <message>
        <source>New class, e.g. &quot;thumbs up&quot;</source>
        <translation>Nouvelle classe, p. ex. « pouce levé »</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <source>The camera is off: choose a camera (or a video file) above and press Camera, or hold a class&apos;s Record button.</source>
        <translation>La caméra est éteinte : choisissez une caméra (ou un fichier vidéo) ci-dessus et appuyez sur Caméra, ou maintenez le bouton Enregistrer d&apos;une classe.</translation>
    </message>
    <message>
        <source>Trains only a small head on the features computed while recording: seconds</source>
        <translation>N&apos;entraîne qu&apos;une petite tête sur les caractéristiques calculées pendant l&apos;enregistrement : quelques secondes</translation>
    </message>
    <message>
        <source>0.0 s</source>
        <translation>0,0 s</translation>
    </message>
    <message>
        <source>Training the head…</source>
        <translation>Entraînement de la tête…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <source>Predict every camera frame</source>
        <translation>Prédire chaque image de la caméra</translation>
    </message>
    <message>
        <source>Train as an experiment…</source>
        <translation>Entraîner comme une expérience…</translation>
    </message>
    <message>
        <source>Open these classes as a folder dataset in the Data tab: train a full run, inspect it and export it like any other</source>
        <translation>Ouvrir ces classes comme jeu de données en dossier dans l&apos;onglet Données : entraîner une exécution complète, l&apos;inspecter et l&apos;exporter comme une autre</translation>
    </message>
    <message>
        <source>Hold to record (%1)</source>
        <translation>Maintenir pour enregistrer (%1)</translation>
    </message>
    <message>
        <source>Hold to record</source>
        <translation>Maintenir pour enregistrer</translation>
    </message>
    <message>
        <source>Frames are recorded while this button (or the key %1) is held</source>
        <translation>Les images sont enregistrées tant que ce bouton (ou la touche %1) est maintenu</translation>
    </message>
    <message>
        <source>Click an image to delete it; drop image files or folders here</source>
        <translation>Cliquez sur une image pour la supprimer ; déposez des fichiers d&apos;images ou des dossiers ici</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>No images yet: hold the button while the camera shows this class, or drop image files here.</source>
        <translation>Pas encore d&apos;images : maintenez le bouton pendant que la caméra montre cette classe, ou déposez des fichiers d&apos;images ici.</translation>
    </message>
    <message numerus="yes">
        <source>Only %n image(s): record at least %1, from several sides and distances, so the model learns the class and not one picture.</source>
        <translation>
            <numerusform>Seulement %n image : enregistrez-en au moins %1, sous plusieurs angles et à plusieurs distances, pour que le modèle apprenne la classe et non une image.</numerusform>
            <numerusform>Seulement %n images : enregistrez-en au moins %1, sous plusieurs angles et à plusieurs distances, pour que le modèle apprenne la classe et non une image.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — click to delete</source>
        <translation>%1 — cliquer pour supprimer</translation>
    </message>
    <message>
        <source>A video file to use as the camera</source>
        <translation>Un fichier vidéo comme caméra</translation>
    </message>
    <message>
        <source>Videos (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg);;All files (*)</source>
        <translation>Vidéos (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Computing the features again with %1…</source>
        <translation>Nouveau calcul des caractéristiques avec %1…</translation>
    </message>
    <message>
        <source>torchvision&apos;s ImageNet weights, in %1</source>
        <translation>Poids ImageNet de torchvision, dans %1</translation>
    </message>
    <message>
        <source>Not on this computer yet</source>
        <translation>Pas encore sur cet ordinateur</translation>
    </message>
    <message>
        <source>&lt;b&gt;Random features.&lt;/b&gt; %1 starts from random weights: it tells very different things apart (colours, large shapes) and similar ones poorly. Tick ImageNet weights for features that know objects.</source>
        <translation>&lt;b&gt;Caractéristiques aléatoires.&lt;/b&gt; %1 part de poids aléatoires : il distingue des choses très différentes (couleurs, grandes formes) et mal les choses semblables. Cochez Poids ImageNet pour des caractéristiques qui connaissent les objets.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <source>The download failed (no network?): copy the file in by hand (README: Teach, offline).</source>
        <translation>Le téléchargement a échoué (pas de réseau ?) : copiez le fichier à la main (README : Teach, hors ligne).</translation>
    </message>
    <message>
        <source>Record images of at least two classes first</source>
        <translation>Enregistrez d&apos;abord des images d&apos;au moins deux classes</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>Backbone :</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraîner</translation>
    </message>
    <message>
        <source>&lt;b&gt;No ImageNet weights on this computer, so the features are random:&lt;/b&gt; they tell very different things apart (colours, large shapes) and similar ones poorly. Download them once, or copy %1 into PyTorch&apos;s cache (README: Teach).</source>
        <translation>&lt;b&gt;Pas de poids ImageNet sur cet ordinateur, les caractéristiques sont donc aléatoires :&lt;/b&gt; elles distinguent des choses très différentes (couleurs, grandes formes) et mal les choses semblables. Téléchargez-les une fois, ou copiez %1 dans le cache de PyTorch (README : Teach).</translation>
    </message>
    <message>
        <source>PyTorch&apos;s cache: %1</source>
        <translation>Cache de PyTorch : %1</translation>
    </message>
</context>
<context>
    <name>tl::ui::TeachSession</name>
    <message>
        <source>Record images of at least two classes first.</source>
        <translation>Enregistrez d&apos;abord des images d&apos;au moins deux classes.</translation>
    </message>
</context>
<context>
    <name>tl::ui::TrainingPanel</name>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>The same seed gives the same subset, shuffling, augmentation and starting weights: a run can be repeated exactly.</source>
        <translation>La même graine donne le même sous-ensemble, le même mélange, la même augmentation et les mêmes poids de départ : une exécution peut être répétée à l&apos;identique.</translation>
    </message>
    <message>
        <source>An epoch is one pass over every training image.</source>
        <translation>Une époque est un passage sur chaque image d&apos;entraînement.</translation>
    </message>
    <message>
        <source>Images per step: the model&apos;s weights change once per batch.</source>
        <translation>Images par pas : les poids du modèle changent une fois par lot.</translation>
    </message>
    <message>
        <source>How the weights are changed from the gradients. Adam is a safe default; SGD with momentum is the classic.</source>
        <translation>Comment les poids sont modifiés à partir des gradients. Adam est un choix sûr ; SGD avec momentum est le classique.</translation>
    </message>
    <message>
        <source>Learning rate: how big each step is. Too high and the loss rises or jumps; too low and nothing seems to happen. Adam: about 0.001.</source>
        <translation>Taux d&apos;apprentissage : la taille de chaque pas. Trop élevé, la perte monte ou saute ; trop bas, rien ne semble se passer. Adam : environ 0,001.</translation>
    </message>
    <message>
        <source>SGD and RMSprop: how much of the previous step is kept.</source>
        <translation>SGD et RMSprop : la part du pas précédent qui est conservée.</translation>
    </message>
    <message>
        <source>L2 regularisation: pulls the weights towards zero, against overfitting.</source>
        <translation>Régularisation L2 : tire les poids vers zéro, contre le surapprentissage.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <source>Compute threads. Automatic: every core TransferLab may use on this computer. Runs with different thread counts can differ in the last digits: fix it to repeat a run exactly on another machine.</source>
        <translation>Threads de calcul. Automatique : chaque cœur que TransferLab peut utiliser sur cet ordinateur. Des exécutions avec des nombres de threads différents peuvent différer dans les derniers chiffres : fixez-le pour répéter une exécution à l&apos;identique sur une autre machine.</translation>
    </message>
    <message>
        <source>+ Stage</source>
        <translation>+ Étape</translation>
    </message>
    <message>
        <source>Add a fine-tuning stage: everything trainable, a tenth of the learning rate (the notebooks&apos; second step)</source>
        <translation>Ajouter une étape d&apos;ajustement fin : tout entraînable, un dixième du taux d&apos;apprentissage (la deuxième étape des notebooks)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Remove the selected stage</source>
        <translation>Retirer l&apos;étape sélectionnée</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Add a fine-tuning stage</source>
        <translation>Ajouter une étape d&apos;ajustement fin</translation>
    </message>
    <message>
        <source>as before (Model tab or earlier stage)</source>
        <translation>comme avant (onglet Modèle ou étape précédente)</translation>
    </message>
    <message>
        <source>Frozen layers keep their weights: only the rest learns. Applied when the stage starts: backbone, none, before:LAYER (e.g. before:block5_conv1), all-but-last:N or layer paths</source>
        <translation>Les couches gelées gardent leurs poids : seul le reste apprend. Appliqué au début de l&apos;étape : backbone, none, before:COUCHE (p. ex. before:block5_conv1), all-but-last:N ou chemins de couches</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>constant</translation>
    </message>
    <message>
        <source>step (÷10 every 10 epochs)</source>
        <translation>par paliers (÷10 toutes les 10 époques)</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>cosinus</translation>
    </message>
    <message>
        <source>one-cycle</source>
        <translation>one-cycle</translation>
    </message>
    <message>
        <source>reduce on plateau</source>
        <translation>réduire sur plateau</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Arrêt anticipé</translation>
    </message>
    <message>
        <source>End the stage when validation accuracy has not improved for `patience` epochs, and keep the best epoch&apos;s weights</source>
        <translation>Terminer l&apos;étape quand l&apos;exactitude de validation ne s&apos;est pas améliorée depuis `patience` époques, et garder les poids de la meilleure époque</translation>
    </message>
    <message>
        <source>patience </source>
        <translation>patience </translation>
    </message>
    <message>
        <source>Patience (epochs)</source>
        <translation>Patience (époques)</translation>
    </message>
    <message>
        <source>optional, e.g. &quot;frozen backbone&quot;</source>
        <translation>facultatif, p. ex. « backbone gelé »</translation>
    </message>
    <message>
        <source>Names the run in the Runs tab and in comparisons.</source>
        <translation>Nomme l&apos;exécution dans l&apos;onglet Exécutions et dans les comparaisons.</translation>
    </message>
    <message>
        <source>Stages and hyperparameters</source>
        <translation>Étapes et hyperparamètres</translation>
    </message>
    <message>
        <source>&amp;Run name:</source>
        <translation>Nom de l&apos;e&amp;xécution :</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Étape :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Freeze at start:</source>
        <translation>&amp;Geler au départ :</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Époques :</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Taille de lot :</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>&amp;Optimiseur :</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>Taux d&apos;&amp;apprentissage :</translation>
    </message>
    <message>
        <source>&amp;Momentum:</source>
        <translation>&amp;Momentum :</translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation>&amp;Décroissance des poids :</translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation>&amp;Calendrier du taux :</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>Gra&amp;ine :</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>T&amp;hreads :</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Appareil :</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Décroissance des poids</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>Patience</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>&amp;Lancer l&apos;entraînement</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progression de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Prêt.</translation>
    </message>
    <message>
        <source>Epoch results appear here.</source>
        <translation>Les résultats des époques s&apos;affichent ici.</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>Journal d&apos;entraînement</translation>
    </message>
    <message>
        <source>One line per epoch: loss, accuracy, time.</source>
        <translation>Une ligne par époque : perte, exactitude, durée.</translation>
    </message>
    <message>
        <source>&amp;Live view inside the network</source>
        <translation>&amp;Vue en direct dans le réseau</translation>
    </message>
    <message>
        <source>After each epoch: the first layer&apos;s filters and what they make of one test image (costs well under 1 % of the training time)</source>
        <translation>Après chaque époque : les filtres de la première couche et ce qu&apos;ils font d&apos;une image de test (coûte bien moins de 1 % du temps d&apos;entraînement)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>Loss: how wrong the model is, averaged over images (cross-entropy; lower is better). Training minimises it.</source>
        <translation>Perte : à quel point le modèle se trompe, en moyenne sur les images (entropie croisée ; plus bas est mieux). L&apos;entraînement la minimise.</translation>
    </message>
    <message>
        <source>train (batches)</source>
        <translation>entraînement (lots)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>entraînement (époque)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>How wrong the model is: lower is better. Line: the latest batches; dot: an epoch&apos;s mean; orange: held-out images.</source>
        <translation>À quel point le modèle se trompe : plus bas est mieux. Ligne : les derniers lots ; point : la moyenne d&apos;une époque ; orange : les images mises de côté.</translation>
    </message>
    <message>
        <source>The thin line follows the latest batches, smoothed. A dot is the mean over a whole epoch, so it sits above the line while the model still improves during the epoch. Orange: the validation images, held out and never trained on.</source>
        <translation>La ligne fine suit les derniers lots, lissée. Un point est la moyenne sur toute une époque : il est donc au-dessus de la ligne tant que le modèle progresse pendant l&apos;époque. Orange : les images de validation, mises de côté et jamais vues à l&apos;entraînement.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitude</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>Accuracy: the share of images whose most likely class is the right one.</source>
        <translation>Exactitude : la part des images dont la classe la plus probable est la bonne.</translation>
    </message>
    <message>
        <source>Share of images classified right. Orange falling while blue rises: overfitting.</source>
        <translation>Part des images bien classées. L&apos;orange baisse pendant que le bleu monte : surapprentissage.</translation>
    </message>
    <message>
        <source>Validation (orange) is what counts: images the model never trains on. When it falls while training accuracy rises, the model memorises the training images (overfitting). Set a validation split in the Data tab to see it.</source>
        <translation>C&apos;est la validation (orange) qui compte : des images sur lesquelles le modèle ne s&apos;entraîne jamais. Quand elle baisse alors que l&apos;exactitude d&apos;entraînement monte, le modèle apprend par cœur les images d&apos;entraînement (surapprentissage). Réglez une part de validation dans l&apos;onglet Données pour la voir.</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>taux</translation>
    </message>
    <message>
        <source>The learning rate over time: schedules lower it as training goes on.</source>
        <translation>Le taux d&apos;apprentissage au fil du temps : les calendriers le réduisent au cours de l&apos;entraînement.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>taux d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Stopping after this batch… (press Stop again to skip the test evaluation; the run can then be resumed later)</source>
        <translation>Arrêt après ce lot… (appuyez à nouveau sur Arrêter pour sauter l&apos;évaluation de test ; l&apos;exécution pourra être reprise plus tard)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 epochs, freeze %2, %3 at %4</source>
        <translation>%1 époques, gel %2, %3 à %4</translation>
    </message>
    <message>
        <source>as before</source>
        <translation>comme avant</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <source>Paused. Resume to go on from the same batch.</source>
        <translation>En pause. Reprendre continue au même lot.</translation>
    </message>
    <message numerus="yes">
        <source>Stage %1 (%2): %n epoch(s)</source>
        <translation>
            <numerusform>Étape %1 (%2) : %n époque</numerusform>
            <numerusform>Étape %1 (%2) : %n époques</numerusform>
        </translation>
    </message>
    <message>
        <source>epoch %1/%2 · batch %3/%4</source>
        <translation>époque %1/%2 · lot %3/%4</translation>
    </message>
    <message>
        <source>epoch %1 of %2, %3 %</source>
        <translation>époque %1 sur %2, %3 %</translation>
    </message>
    <message>
        <source>Batch size %1 is more than the %2 training images: it is now %3, one batch of every image per epoch.</source>
        <translation>La taille de lot %1 dépasse les %2 images d&apos;entraînement : elle passe à %3, un lot de toutes les images par époque.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Attention : %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>Test accuracy %1, loss %2. See the Results tab.</source>
        <translation>Exactitude de test %1, perte %2. Voir l&apos;onglet Résultats.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: the run keeps its %n completed epoch(s).</source>
        <translation>
            <numerusform>Arrêté : l&apos;exécution garde son époque terminée (%n).</numerusform>
            <numerusform>Arrêté : l&apos;exécution garde ses %n époques terminées.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 images</source>
        <translation>%1 / %2 images</translation>
    </message>
    <message>
        <source>testing · %1</source>
        <translation>test · %1</translation>
    </message>
    <message>
        <source>estimating the time left…</source>
        <translation>estimation du temps restant…</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>reste %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended: nothing was saved.</source>
        <translation>Arrêté avant la fin de la première époque : rien n&apos;a été enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped during the test evaluation. The run keeps its %n completed epoch(s) and is not finished: resume it from the Runs tab.</source>
        <translation>
            <numerusform>Arrêté pendant l&apos;évaluation de test. L&apos;exécution garde son époque terminée (%n) et n&apos;est pas finie : reprenez-la depuis l&apos;onglet Exécutions.</numerusform>
            <numerusform>Arrêté pendant l&apos;évaluation de test. L&apos;exécution garde ses %n époques terminées et n&apos;est pas finie : reprenez-la depuis l&apos;onglet Exécutions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for %1 to load; training starts as soon as it is ready…</source>
        <translation>Attente du chargement de %1 ; l&apos;entraînement démarre dès qu&apos;il est prêt…</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Non démarré : %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>loss %L1 · accuracy %L2 · %L3 images/s · lr %L4 · ETA %5</source>
        <translation>perte %L1 · exactitude %L2 · %L3 images/s · taux %L4 · reste %5</translation>
    </message>
    <message>
        <source>epoch %1: loss %L2, accuracy %L3</source>
        <translation>époque %1 : perte %L2, exactitude %L3</translation>
    </message>
    <message>
        <source> | validation loss %L1, accuracy %L2</source>
        <translation> | validation : perte %L1, exactitude %L2</translation>
    </message>
    <message>
        <source> | %L1 s, %L2 images/s</source>
        <translation> | %L1 s, %L2 images/s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>équilibrés</translation>
    </message>
    <message>
        <source>Balanced: in the training loss each class counts as much as the others, however few images it has (a class with half the images weighs twice as much per image). For imbalanced data (Results → Data health); validation and test losses stay unweighted.</source>
        <translation>Équilibrés : dans la perte d&apos;entraînement, chaque classe compte autant que les autres, si peu d&apos;images qu&apos;elle ait (une classe deux fois moins fournie pèse deux fois plus par image). Pour des données déséquilibrées (Résultats → Santé des données) ; les pertes de validation et de test restent sans pondération.</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Poids des classes</translation>
    </message>
    <message>
        <source>Class wei&amp;ghts:</source>
        <translation>Poids des cla&amp;sses :</translation>
    </message>
</context>
<context>
    <name>tl::ui::UnitChart</name>
    <message numerus="yes">
        <source>%n point(s) from %1 to %2</source>
        <translation>
            <numerusform>%n point de %1 à %2</numerusform>
            <numerusform>%n points de %1 à %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>Pas encore de valeurs.</translation>
    </message>
</context>
<context>
    <name>tl::ui::Workbench</name>
    <message>
        <source>Check the settings: %1</source>
        <translation>Vérifiez les réglages : %1</translation>
    </message>
    <message>
        <source>class demo</source>
        <translation>démo en classe</translation>
    </message>
    <message>
        <source>Choose or download the data in the Data tab, then Start.</source>
        <translation>Choisissez ou téléchargez les données dans l&apos;onglet Données, puis Démarrer.</translation>
    </message>
    <message>
        <source>%1 is not loaded.</source>
        <translation>%1 n&apos;est pas chargé.</translation>
    </message>
    <message>
        <source>%1 could not be loaded: %2</source>
        <translation>%1 n&apos;a pas pu être chargé : %2</translation>
    </message>
    <message>
        <source>The ImageNet weights of %1 are not on this computer. In the Model tab, press Download (needs the internet once), or set Weights to &quot;Random initialisation&quot;.</source>
        <translation>Les poids ImageNet de %1 ne sont pas sur cet ordinateur. Dans l&apos;onglet Modèle, appuyez sur Télécharger (Internet nécessaire une fois), ou réglez Poids sur « Initialisation aléatoire ».</translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation>Les données n&apos;ont pas pu être chargées : %1</translation>
    </message>
</context>
</TS>
