; Inno Setup 6 script: Windows installer for the PyInstaller bundle (dist\pennylane-importer).
; Saved as UTF-8 with a BOM (older Inno Setup 6 releases need it for the French messages).
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pennylane-importer.spec
;   iscc /DAppVersion=X.Y.Z /DAppVersionWin=X.Y.Z.0 packaging\windows\installer.iss
;
; The version comes from app/__init__.py through packaging/version.py (the release workflow passes
; `python packaging/version.py` and `python packaging/version.py --windows`); nothing here hard-codes it.
; Output: dist\pennylane-importer-<version>-setup.exe
;
; Per-user install by default (no administrator rights, %LOCALAPPDATA%\Programs); the first page
; offers "install for all users" (then it asks for elevation). Start-menu entry, optional desktop
; icon, "Open with" for .pdf (never takes over the default PDF viewer), uninstaller, French and
; English. Settings and the journal in %APPDATA% are kept on uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z /DAppVersionWin=X.Y.Z.0 installer.iss
#endif
#ifndef AppVersionWin
  #define AppVersionWin AppVersion
#endif
#define AppName "Pennylane Importer"
#define AppExe "pennylane-importer.exe"
#define ProgId "PennylaneImporter.pdf"

[Setup]
; Never change AppId: it identifies the installed app for upgrades and uninstall.
AppId={{66899485-9A36-43CA-8F7A-937F75AB723B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersionWin}
VersionInfoProductVersion={#AppVersionWin}
VersionInfoDescription={#AppName} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Paths below are relative to the repository root (two levels up from this script).
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=pennylane-importer-{#AppVersion}-setup
SetupIconFile=resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.PdfDocument=PDF document
fr.PdfDocument=Document PDF
en.OpenWithEntry=Offer {#AppName} in "Open with" for PDF files
fr.OpenWithEntry=Proposer {#AppName} dans « Ouvrir avec » pour les fichiers PDF
en.Integration=Integration:
fr.Integration=Intégration :

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "openwith"; Description: "{cm:OpenWithEntry}"; GroupDescription: "{cm:Integration}"

[Files]
Source: "dist\pennylane-importer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Licences beside the program (the bundle also has them under _internal\resources for Help > About).
Source: "LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "dist\pennylane-importer\_internal\resources\THIRD_PARTY_NOTICES.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users one.
; The app as a handler (shown in "Open with", with its name and icon):
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openwith
; A ProgID listed under .pdf\OpenWithProgids: an "Open with" choice, not the default viewer.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueData: "{cm:PdfDocument}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
