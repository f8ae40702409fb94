from klipctl.cli.main import main

main()
