from klipctl.cli.boot import main

main()
