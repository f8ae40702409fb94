from klipctl.cli import main

main()
